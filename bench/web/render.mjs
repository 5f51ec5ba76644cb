// Server-render latency of the example front end: autocannon asks the site for one page over and over, for a fixed
// time after a warm-up, and prints requests a second and the latency percentiles. The site asks the API for each
// page (no cache in the site, apart from the navigation's topics), so this measures the site's render plus its
// requests to the API, which answers from its output cache.
import autocannon from "autocannon";

const site = (process.env.WEB_URL ?? "http://127.0.0.1:4321").replace(/\/+$/, "");
const duration = Number(process.env.DURATION ?? 20);
const connections = Number(process.env.CONNECTIONS ?? 1);
const pages = [
  ["story page", "/articles/lunar-lander-mission-slips-to-next-year"],
  ["front page", "/"],
];

// Both pages are warmed up first (10 s each), so neither is measured while the site's and the API's code is still
// being compiled.
for (const [, path] of pages) {
  await autocannon({ url: site + path, connections, duration: 10 });
}
const rows = [];
for (const [name, path] of pages) {
  const result = await autocannon({ url: site + path, connections, duration });
  const bad = result.non2xx + result.errors + result.timeouts;
  rows.push(
    `| ${name} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p90} | ` +
      `${result.latency.p99} | ${result.latency.max} | ${bad} |`,
  );
}
console.log(`autocannon ${connections} connections, ${duration} s per page after a 10 s warm-up of each, on ${site}\n`);
console.log("| page | req/s | p50 ms | p90 ms | p99 ms | max ms | errors |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
console.log(rows.join("\n"));
