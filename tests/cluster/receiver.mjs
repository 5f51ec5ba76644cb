// A webhook receiver for the cluster suite: `node receiver.mjs <port> <log>`. Every delivery is appended to <log> as
// one JSON line: { at (ms), id (webhook-id), type, article (data.id), slug, port (the sender's side of the
// connection, which names the sending process) }. It answers 204, except for articles whose slug starts with "held-":
// those deliveries are never answered, so the instance sending one keeps its dispatch job (and lease) busy until it
// dies or the attempt times out.
import { createServer } from "node:http";
import { appendFileSync } from "node:fs";

const [port, log] = process.argv.slice(2);
const server = createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    let payload = {};
    try { payload = JSON.parse(Buffer.concat(chunks).toString("utf8")); } catch { /* recorded as it came */ }
    const record = {
      at: Date.now(), id: request.headers["webhook-id"], type: payload.type, article: payload.data?.id,
      slug: payload.data?.slug, port: request.socket.remotePort,
    };
    appendFileSync(log, JSON.stringify(record) + "\n");
    if (record.slug?.startsWith("held-")) return;
    response.writeHead(204).end();
  });
});
server.keepAliveTimeout = 120_000;
server.listen(Number(port), "127.0.0.1", () => console.log(`receiver on ${port}`));
