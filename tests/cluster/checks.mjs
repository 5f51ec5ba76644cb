// The cluster suite's HTTP checks, one per run: `node checks.mjs <check>`. Exit 0 when the check holds, 1 (with the
// reason on stderr) when it does not. The instances and the proxy come from the environment:
//   CLUSTER_A, CLUSTER_B (each instance directly), CLUSTER_PROXY (nginx in front of both), CLUSTER_ADMIN_KEY.
// `seed` creates the content the others (and the load) use and prints it as shell assignments.
const [check, ...args] = process.argv.slice(2);
const A = process.env.CLUSTER_A, B = process.env.CLUSTER_B, PROXY = process.env.CLUSTER_PROXY;
const ADMIN = process.env.CLUSTER_ADMIN_KEY;

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
// is spent, not once each instance's is.
const BUDGET_CLIENT = `198.51.100.${1 + Math.floor(Math.random() * 250)}`;

async function rateBudgetIsGlobal() {
  const budget = Number(process.env.CLUSTER_FAILED_AUTH_BUDGET);
  if (!budget) fail("CLUSTER_FAILED_AUTH_BUDGET is not set");
  const statuses = [];
  for (let i = 0; i < budget + 2; i++) {
    // From an address of its own (the instances believe loopback's X-Forwarded-For, as nginx's): a spent budget
    // refuses its client everything for the rest of the minute, and the other checks come from loopback.
    statuses.push((await call(i % 2 ? B : A, "GET", FRONT, { key: "nk_wrong" + "x".repeat(40), headers: { "X-Forwarded-For": BUDGET_CLIENT } })).status);
  }
  const first429 = statuses.indexOf(429);
  if (first429 !== budget) {
    fail(`with a budget of ${budget}, ${first429 < 0 ? "no 429 came" : `the first 429 came at request ${first429 + 1}`} (statuses ${statuses.join(" ")})`);
  }
}

const checks = {
  seed: () => seed(Number(args[0] ?? 20)),
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
