// The cluster suite's HTTP checks, one per run: `node checks.mjs <check>`. Exit 0 when the check holds, 1 (with the
// reason on stderr) when it does not; what a check measured goes to stdout as "cluster: …" lines. The instances and
// the proxy come from the environment:
//   CLUSTER_A, CLUSTER_B (each instance directly), CLUSTER_PROXY (nginx in front of both), CLUSTER_ADMIN_KEY;
//   CLUSTER_RECEIVER_URL and CLUSTER_RECEIVER_LOG (receiver.mjs, and what it received), CLUSTER_DATABASE (a libpq
//   connection string for psql), CLUSTER_REDIS (host:port) and CLUSTER_REDIS_PREFIX, CLUSTER_PID_A and CLUSTER_PID_B,
//   CLUSTER_LEASE_SECONDS.
// `seed`, `subscribe` and `read-key` create what the others (and the load) use and print it as shell assignments.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const [check, ...args] = process.argv.slice(2);
const A = process.env.CLUSTER_A, B = process.env.CLUSTER_B, PROXY = process.env.CLUSTER_PROXY;
const ADMIN = process.env.CLUSTER_ADMIN_KEY;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class CheckFailed extends Error {}
const fail = (message) => { throw new CheckFailed(message); };

async function call(base, method, path, { key, body, headers = {}, contentType = "application/json" } = {}) {
  const init = { method, headers: { ...headers } };
  if (key) init.headers["X-Api-Key"] = key;
  if (body !== undefined) { init.headers["Content-Type"] = contentType; init.body = JSON.stringify(body); }
  const response = await fetch(base + path, init);
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: response.status, headers: response.headers, json, text };
}

async function expectStatus(want, base, method, path, options) {
  const r = await call(base, method, path, options);
  if (r.status !== want) fail(`${method} ${base}${path}: expected ${want}, got ${r.status} ${r.text.slice(0, 300)}`);
  return r;
}

const FRONT = "/api/v1/articles?pageSize=20";
const where = (base) => base === A ? "instance A" : base === B ? "instance B" : "nginx";

async function seed(count) {
  const author = (await expectStatus(201, A, "POST", "/api/v1/authors", { key: ADMIN, body: { name: "Cluster Desk" } })).json;
  const ids = [], slugs = [];
  for (let i = 1; i <= count; i++) {
    const article = (await expectStatus(201, A, "POST", "/api/v1/articles", {
      key: ADMIN,
      body: { title: `Cluster story ${i}`, excerpt: `Story ${i}, as cards show it.`, body: `Paragraph ${i} of a story told by several instances.`, authorIds: [author.id] },
    })).json;
    await expectStatus(200, A, "POST", `/api/v1/articles/${article.id}/publish`, { key: ADMIN, body: {} });
    ids.push(article.id); slugs.push(article.slug);
  }
  console.log(`CLUSTER_AUTHOR=${author.id}`);
  console.log(`CLUSTER_IDS=${ids.join(",")}`);
  console.log(`CLUSTER_SLUGS=${slugs.join(",")}`);
}

// A write through one place is visible everywhere on the next request: the entries every instance (and nginx's
// choice of instance) served from the shared output cache are evicted by the write, whichever instance took it.
async function writeVisibleEverywhere(writer, readers) {
  const id = process.env.CLUSTER_IDS.split(",").at(-1); // the newest: on the front page
  const current = await expectStatus(200, writer, "GET", `/api/v1/articles/${id}`, { key: ADMIN });
  const slug = current.json.slug;
  // Fill the cache through every reader, and prove the entry is shared: a second read is a hit (Age header).
  for (const reader of readers) {
    for (const path of [FRONT, `/api/v1/articles/slug/${slug}`]) {
      // The instance that missed stores the entry just after it answers: a read right behind it can miss too.
      let hit = false;
      for (let attempt = 0; attempt < 50 && !hit; attempt++) hit = (await expectStatus(200, reader, "GET", path)).headers.has("age");
      if (!hit) fail(`${where(reader)} did not serve ${path} from the output cache before the write (no Age header in 50 reads)`);
    }
  }
  const title = `Edited through ${where(writer)} at ${new Date().toISOString()}`;
  await expectStatus(200, writer, "PATCH", `/api/v1/articles/${id}`, {
    key: ADMIN, body: { title }, contentType: "application/merge-patch+json", headers: { "If-Match": current.headers.get("etag") },
  });
  for (const reader of readers) {
    // nginx alternates between the instances: two reads through it reach both.
    for (let round = 0; round < (reader === PROXY ? 2 : 1); round++) {
      const page = await expectStatus(200, reader, "GET", `/api/v1/articles/slug/${slug}`);
      if (page.json.title !== title) fail(`${where(reader)} still shows "${page.json.title}" after the write through ${where(writer)}`);
      const front = await expectStatus(200, reader, "GET", FRONT);
      const card = front.json.items.find((a) => a.id === id);
      if (!card || card.title !== title) fail(`${where(reader)}'s front page still shows "${card?.title}" after the write through ${where(writer)}`);
    }
  }
}

// A key revoked through one instance fails on every instance on the next request, asked at the same moment.
async function revokedKeyFailsEverywhere() {
  const created = (await expectStatus(201, A, "POST", "/api/v1/keys", { key: ADMIN, body: { name: "Cluster reader", scopes: ["content:read"] } })).json;
  const secret = created.secret, keyId = created.key?.id;
  if (!secret || !keyId) fail(`the created key is not in the answer: ${JSON.stringify(created).slice(0, 200)}`);
  for (const base of [A, B]) await expectStatus(200, base, "GET", FRONT, { key: secret });
  await expectStatus(204, B, "DELETE", `/api/v1/keys/${keyId}`, { key: ADMIN });
  const after = await Promise.all([A, B, PROXY].map((base) => call(base, "GET", FRONT, { key: secret })));
  after.forEach((r, i) => { if (r.status !== 401) fail(`${where([A, B, PROXY][i])} still took the revoked key: ${r.status}`); });
}

// The failed-authentication budget (RateLimits:FailedAuthenticationsPerMinute, CLUSTER_FAILED_AUTH_BUDGET here) is
// one budget for the whole cluster: wrong keys sent to the instances in turn are refused with 429 once the budget
// is spent, not once each instance's is. The wrong keys come from a client behind the proxy (X-Forwarded-For, believed
// from 127.0.0.1): spending the budget of 127.0.0.1 itself would refuse every key the later checks send for a minute.
async function rateBudgetIsGlobal() {
  const budget = Number(process.env.CLUSTER_FAILED_AUTH_BUDGET);
  if (!budget) fail("CLUSTER_FAILED_AUTH_BUDGET is not set");
  const client = { "X-Forwarded-For": "203.0.113.7" };
  const statuses = [];
  for (let i = 0; i < budget + 2; i++) {
    statuses.push((await call(i % 2 ? B : A, "GET", FRONT, { key: "nk_wrong" + "x".repeat(40), headers: client })).status);
  }
  const first429 = statuses.indexOf(429);
  if (first429 !== budget) {
    fail(`with a budget of ${budget}, ${first429 < 0 ? "no 429 came" : `the first 429 came at request ${first429 + 1}`} (statuses ${statuses.join(" ")})`);
  }
}

// --- background jobs: what the receiver got ------------------------------------------------------------------------

const deliveries = () => {
  const log = process.env.CLUSTER_RECEIVER_LOG;
  return existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line)) : [];
};
const deliveriesOf = (type, article) => deliveries().filter((d) => d.type === type && d.article === article);

// Polls every 100 ms until probe() answers something truthy; fails with `what` after `seconds`.
async function waitFor(what, seconds, probe) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) fail(`${what}: not within ${seconds} s`);
    await sleep(100);
  }
}

const psql = (sql) => execFileSync("psql", [process.env.CLUSTER_DATABASE, "-qAtc", sql], { encoding: "utf8" }).trim();
const redis = (...command) => {
  const [host, port] = process.env.CLUSTER_REDIS.split(",")[0].split(":");
  return execFileSync("redis-cli", ["-h", host, "-p", port ?? "6379", ...command], { encoding: "utf8" }).trim();
};

async function subscribe(url) {
  const created = (await expectStatus(201, A, "POST", "/api/v1/webhooks", {
    key: ADMIN, body: { url, events: ["article.published", "article.deleted"], description: "Cluster receiver" },
  })).json;
  console.log(`CLUSTER_WEBHOOK_ID=${created.webhook.id}`);
}

async function readKey() {
  const created = (await expectStatus(201, A, "POST", "/api/v1/keys", { key: ADMIN, body: { name: "Cluster load", scopes: ["content:read"] } })).json;
  console.log(`CLUSTER_LOAD_KEY=${created.secret}`);
}

async function draft(base, title) {
  return (await expectStatus(201, base, "POST", "/api/v1/articles", {
    key: ADMIN,
    body: { title, excerpt: `${title}, as cards show it.`, body: `${title}: a story for the background jobs.`, authorIds: [process.env.CLUSTER_AUTHOR] },
  })).json;
}

const schedule = (base, id, at) =>
  expectStatus(200, base, "POST", `/api/v1/articles/${id}/publish`, { key: ADMIN, body: { publishAt: at.toISOString() } });

// Every instance runs the scheduler, the dispatcher and the trash purge. Three articles scheduled for the same
// moment (one written through each instance, one through nginx) are each announced once, and an article trashed past
// the retention is purged once: one article.published and one article.deleted delivery each, and no second one in
// the few seconds after, when a second run on the other instance would have sent it.
async function scheduledRunsOnce() {
  const quietMs = 3000;
  const due = new Date(Date.now() + 3000);
  const scheduled = [];
  for (const base of [A, B, PROXY]) {
    const article = await draft(base, `Scheduled through ${where(base)}`);
    await schedule(base, article.id, due);
    scheduled.push(article.id);
  }
  // Trash:RetentionDays is at least a day: the purge is made due by moving the trashing two days back in the
  // database (the suite runs the instances with a retention of one day).
  const trashed = await draft(A, "Trashed two days ago");
  await expectStatus(204, B, "DELETE", `/api/v1/articles/${trashed.id}`, { key: ADMIN });
  const moved = psql(`UPDATE "Articles" SET "DeletedAt" = "DeletedAt" - interval '2 days' WHERE "Id" = '${trashed.id}' RETURNING 1`);
  if (moved !== "1") fail(`the trashed article ${trashed.id} was not found in the database to move its trashing back`);

  await waitFor("every scheduled article announced and the trashed one purged", 20, () =>
    scheduled.every((id) => deliveriesOf("article.published", id).length > 0) && deliveriesOf("article.deleted", trashed.id).length > 0);
  await sleep(quietMs);
  const problems = [];
  for (const [type, id] of [...scheduled.map((id) => ["article.published", id]), ["article.deleted", trashed.id]]) {
    const got = deliveriesOf(type, id);
    if (got.length !== 1) problems.push(`${type} of ${id} delivered ${got.length} times (webhook-ids ${got.map((d) => d.id).join(", ")})`);
  }
  const early = scheduled.flatMap((id) => deliveriesOf("article.published", id)).filter((d) => d.at < due.getTime());
  if (early.length) problems.push(`${early.length} article(s) announced before their time`);
  if (psql(`SELECT count(*) FROM "Articles" WHERE "Id" = '${trashed.id}'`) !== "0") problems.push("the trashed article is still in the database");
  if (problems.length) fail(problems.join("; "));
  const late = scheduled.map((id) => deliveriesOf("article.published", id)[0].at - due.getTime());
  console.log(`cluster: 3 scheduled articles announced once each, ${Math.min(...late)}-${Math.max(...late)} ms after their time; the trashed one purged once; nothing more in ${quietMs} ms`);
}

// The lease of the webhook dispatcher held by a dead instance: the receiver keeps a delivery of a "held-" article
// unanswered, so the instance sending it holds the dispatcher's lease; that instance (found by the socket it sends
// on) is killed with SIGKILL, and an article is scheduled through the other. The other must announce it and deliver
// it once the dead holder's lease has expired, within Jobs:LeaseSeconds of the kill, and not before the lease ran out.
// Prints CLUSTER_KILLED=A or B for run.sh to start it again. (The held delivery itself stays claimed by the dead
// instance for DeliveryClaims.Lease, two minutes; the subscription is deleted with it at the end.)
async function leaseHandover() {
  const leaseSeconds = Number(process.env.CLUSTER_LEASE_SECONDS);
  const pids = new Map([[Number(process.env.CLUSTER_PID_A), "A"], [Number(process.env.CLUSTER_PID_B), "B"]]);
  const held = await draft(PROXY, "Held delivery");
  if (!held.slug.startsWith("held-")) fail(`the receiver holds "held-" slugs, and the article got ${held.slug}`);
  await expectStatus(200, PROXY, "POST", `/api/v1/articles/${held.id}/publish`, { key: ADMIN, body: {} });
  const sending = await waitFor("the held article's delivery", 10, () => deliveriesOf("article.published", held.id)[0]);
  const receiver = new URL(process.env.CLUSTER_RECEIVER_URL).port;
  const sockets = execFileSync("ss", ["-Htnp", "state", "established", `( sport = :${sending.port} and dport = :${receiver} )`], { encoding: "utf8" });
  const pid = Number(/pid=(\d+)/.exec(sockets)?.[1]);
  const holder = pids.get(pid);
  if (!holder) fail(`the held delivery came from port ${sending.port}, not from instance A or B: ${sockets.trim() || "no such socket"}`);
  const leaseKey = `${process.env.CLUSTER_REDIS_PREFIX}job:webhook-dispatcher`;
  const leftMs = Number(redis("PTTL", leaseKey));
  if (!(leftMs > 0)) fail(`instance ${holder} is sending a delivery, but the dispatcher's lease ${leaseKey} is not in Redis (PTTL ${leftMs})`);
  process.kill(pid, "SIGKILL");
  const killedAt = Date.now();
  console.log(`CLUSTER_KILLED=${holder}`);

  const survivor = holder === "A" ? B : A;
  const after = await draft(survivor, "Scheduled after the kill");
  await schedule(survivor, after.id, new Date(Date.now() + 1000));
  const delivered = await waitFor("the article scheduled after the kill delivered", leaseSeconds + 10,
    () => deliveriesOf("article.published", after.id)[0]);
  const tookMs = delivered.at - killedAt;
  console.log(`cluster: instance ${holder} held the dispatcher's lease (${leftMs} ms left) and was killed; ${where(survivor)} announced and delivered an article scheduled after it ${tookMs} ms later (Jobs:LeaseSeconds=${leaseSeconds})`);
  if (tookMs > (leaseSeconds + 3) * 1000) fail(`the other instance delivered ${tookMs} ms after the kill, more than Jobs:LeaseSeconds (${leaseSeconds}) + 3 s`);
  if (tookMs < leftMs - 200) fail(`delivered ${tookMs} ms after the kill, while the dead holder's lease had ${leftMs} ms left: the lease did not keep the job`);
  await expectStatus(204, survivor, "DELETE", `/api/v1/webhooks/${process.env.CLUSTER_WEBHOOK_ID}`, { key: ADMIN });
}

const checks = {
  seed: () => seed(Number(args[0] ?? 20)),
  subscribe: () => subscribe(args[0]),
  "read-key": readKey,
  "scheduled-runs-once": scheduledRunsOnce,
  "lease-handover": leaseHandover,
  "write-through-a": () => writeVisibleEverywhere(A, [B, PROXY]),
  "write-through-proxy": () => writeVisibleEverywhere(PROXY, [A, B, PROXY]),
  "revoked-key": revokedKeyFailsEverywhere,
  "rate-budget": rateBudgetIsGlobal,
};
if (!checks[check]) { console.error(`unknown check ${check}; one of ${Object.keys(checks).join(", ")}`); process.exit(2); }
try {
  await checks[check]();
} catch (e) {
  console.error(e instanceof CheckFailed ? e.message : e.stack);
  process.exit(1);
}
