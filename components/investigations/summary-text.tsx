import { Fragment } from "react";
import { toSummaryBlocks } from "./summary-blocks";

/** A summary as readable text: paragraphs and lists built from its blocks, every string rendered as text. */
export function SummaryText({ text, className = "" }: { text: string; className?: string }) {
  const blocks = toSummaryBlocks(text);
  if (blocks.length === 0) return <p className={`text-sm text-slate-500 italic ${className}`}>No summary was written.</p>;
  return (
    <div className={`flex flex-col gap-2 text-sm leading-relaxed break-words text-slate-800 ${className}`}>
      {blocks.map((block, i) =>
        block.kind === "paragraph" ? (
          <p key={i}>
            {block.lines.map((line, j) => (
              <Fragment key={j}>
                {j > 0 && <br />}
                {line}
              </Fragment>
            ))}
          </p>
        ) : block.ordered ? (
          <ol key={i} className="list-decimal space-y-0.5 pl-5 marker:text-slate-400">
            {block.items.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ol>
        ) : (
          <ul key={i} className="list-disc space-y-0.5 pl-5 marker:text-slate-400">
            {block.items.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}
