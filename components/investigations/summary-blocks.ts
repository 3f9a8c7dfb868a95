// An investigation summary is plain text that may carry light markdown (the model writes some, the
// fallback writes "- " lines). The timeline shows it as paragraphs and bullet lists, never raw symbols
// and never as HTML, so nothing in a summary can inject markup into the page.

export type SummaryBlock = { kind: "paragraph"; lines: string[] } | { kind: "list"; ordered: boolean; items: string[] };

const bullet = /^\s*[-*•+]\s+(.*)$/;
const numbered = /^\s*\d{1,3}[.)]\s+(.*)$/;
const heading = /^\s*#{1,6}\s+(.*)$/;
const rule = /^\s*([-*_])(\s*\1){2,}\s*$/;

/** Drops inline markdown: bold, italics in asterisks, code ticks, and links written as "label (url)". */
export function stripInlineMarkdown(line: string): string {
  return line
    .replace(/\[([^\]]+)\]\((\S+?)\)/g, "$1 ($2)")
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(/__(.+?)__/g, "$1")
    .replace(/(^|[\s(])\*(\S(?:[^*]*\S)?)\*(?=[\s).,;:!?]|$)/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1")
    .trim();
}

/**
 * Splits a summary into blocks: a blank line ends a paragraph; "- ", "* " and "1. " lines make lists;
 * an indented line under a list item continues it. Single line breaks inside a paragraph are kept,
 * since the fallback summary puts one figure per line.
 */
export function toSummaryBlocks(text: string): SummaryBlock[] {
  const blocks: SummaryBlock[] = [];
  let current: SummaryBlock | null = null;
  const close = () => {
    if (current) blocks.push(current);
    current = null;
  };

  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    if (raw.trim() === "" || rule.test(raw)) {
      close();
      continue;
    }
    const item = bullet.exec(raw) ?? numbered.exec(raw);
    if (item) {
      const ordered = !bullet.test(raw);
      const body = stripInlineMarkdown(item[1] ?? "");
      if (current?.kind !== "list" || current.ordered !== ordered) {
        close();
        current = { kind: "list", ordered, items: [] };
      }
      if (body) current.items.push(body);
      continue;
    }
    const title = heading.exec(raw);
    const line = stripInlineMarkdown(title ? (title[1] ?? "") : raw);
    if (!line) continue;
    if (title) {
      // A heading stands alone: it ends what came before and starts a paragraph of its own.
      close();
      blocks.push({ kind: "paragraph", lines: [line] });
    } else if (current?.kind === "list" && /^\s{2,}/.test(raw) && current.items.length > 0) {
      current.items[current.items.length - 1] += ` ${line}`;
    } else if (current?.kind === "paragraph") {
      current.lines.push(line);
    } else {
      close();
      current = { kind: "paragraph", lines: [line] };
    }
  }
  close();
  return blocks;
}
