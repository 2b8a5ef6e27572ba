// A minimal OpenAI-compatible /v1/completions server for the throughput benchmark, run in its own
// process so it does not share the client's event loop. Prints its port, then serves until killed.
import { createServer } from "node:http";

const server = createServer((req, res) => {
  let raw = "";
  req.setEncoding("utf8");
  req.on("data", (c) => {
    raw += c;
  });
  req.on("end", () => {
    const body = JSON.parse(raw);
    const m = /What is (\d+) plus (\d+)\?/.exec(String(body.prompt ?? ""));
    const text = m ? ` ${BigInt(m[1]) + BigInt(m[2])}` : " ?";
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({ object: "text_completion", choices: [{ index: 0, text, finish_reason: "stop" }] }),
    );
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
