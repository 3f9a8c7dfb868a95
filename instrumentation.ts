// Validates configuration and starts the embedded probe scheduler when the Node server boots.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/start-server");
  await startServer();
}
