// Drives the client generated from openapi.yaml against a running service, as a third-party
// developer would: every request and every answer goes through the generated types, so a contract
// that does not match the service fails here, at compile time or at run time.
//
//   node dist/check.js http://127.0.0.1:5080
//
// Exits 0 when every check holds; otherwise prints what failed and exits 1.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/opengov.js";

type Schemas = components["schemas"];
type Problem = Schemas["ProblemDetails"];

class CheckFailed extends Error {}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

function show(value: unknown): string {
  return JSON.stringify(value);
}

/** A 400's problem carries its per-parameter errors; other problems may leave them out. */
function hasErrors(problem: Problem): problem is Problem & { errors: Record<string, string[]> } {
  return typeof problem.errors === "object" && problem.errors !== null;
}

const baseUrl = process.argv[2];
if (baseUrl === undefined || !/^https?:\/\//.test(baseUrl)) {
  console.error("usage: node dist/check.js <base-url>   (e.g. http://127.0.0.1:5080)");
  process.exit(2);
}

// The contract declares its array parameters (fields, facets, filters) with explode: false,
// i.e. comma-separated; openapi-fetch repeats the key unless told so.
const client = createClient<paths, "application/json" | "application/problem+json">({
  baseUrl,
  querySerializer: { array: { style: "form", explode: false } },
});

/** Lists commitments two at a time, following meta.next_cursor until it is null. */
async function listEveryCommitment(): Promise<Set<string>> {
  const seen = new Set<string>();
  let total: number | undefined;
  let cursor: string | undefined;
  let pages = 0;
  do {
    const { data: page, error, response } = await client.GET("/v1/commitments", {
      params: { query: { limit: 2, fields: ["id", "title"], cursor } },
    });
    pages++;
    check(error === undefined, `page ${pages} of /v1/commitments: ${response.status} ${show(error)}`);
    check(response.status === 200, `page ${pages}: status ${response.status}`);
    const rows = page.data ?? [];
    const meta = page.meta;
    check(meta?.total !== undefined, `page ${pages} has no meta.total: ${show(page)}`);
    check(meta.limit === 2, `page ${pages}: meta.limit is ${meta.limit}, asked for 2`);
    check(rows.length <= 2, `page ${pages} holds ${rows.length} records, more than the limit 2`);
    total ??= meta.total;
    check(meta.total === total, `meta.total changed while paging: ${total} then ${meta.total}`);
    for (const row of rows) {
      check(typeof row.id === "string" && row.id.length > 0, `a record without an id: ${show(row)}`);
      check(typeof row.title === "string", `${row.id} has no title though fields asked for it: ${show(row)}`);
      check(Object.keys(row).every((key) => key === "id" || key === "title"), `fields=id,title kept other keys: ${show(row)}`);
      check(!seen.has(row.id), `${row.id} came twice while paging`);
      seen.add(row.id);
    }
    cursor = meta.next_cursor ?? undefined;
    check(cursor === undefined || rows.length === 2, `page ${pages} is short (${rows.length}) but has a next cursor`);
    check(pages <= 1000, "paging does not end");
  } while (cursor !== undefined);

  check(total !== undefined && total > 2, `expected more than one page of commitments, meta.total is ${total}`);
  check(seen.size === total, `saw ${seen.size} distinct ids in ${pages} pages, meta.total says ${total}`);
  console.log(`ok: listed ${seen.size} commitments in ${pages} pages of 2, following next_cursor to its end`);
  return seen;
}

/** UK0075 and its milestones, as the service's sample describes them. */
async function fetchUk0075(listed: Set<string>): Promise<void> {
  check(listed.has("UK0075"), "UK0075 was not among the listed commitments");

  const one = await client.GET("/v1/commitments/{id}", { params: { path: { id: "UK0075" } } });
  check(one.error === undefined, `/v1/commitments/UK0075: ${one.response.status} ${show(one.error)}`);
  const commitment = one.data.data;
  check(commitment !== undefined, `no data in ${show(one.data)}`);
  check(commitment.id === "UK0075", `asked for UK0075, got ${commitment.id}`);
  check(commitment.member?.id === "united-kingdom", `UK0075's member is ${show(commitment.member)}`);
  check(commitment.action_plan?.id === "AP_GBR03", `UK0075's action plan is ${show(commitment.action_plan)}`);
  check((commitment.title ?? "").length > 0, "UK0075 has no title");
  check((commitment.lead_institutions ?? []).length > 0, "UK0075 has no lead institution");
  check(one.data.links?.self?.endsWith("/v1/commitments/UK0075") === true, `links.self is ${one.data.links?.self}`);

  const list = await client.GET("/v1/commitments/{id}/milestones", { params: { path: { id: "UK0075" } } });
  check(list.error === undefined, `/v1/commitments/UK0075/milestones: ${list.response.status} ${show(list.error)}`);
  const milestones = list.data.data ?? [];
  check(milestones.length > 0, "UK0075 has no milestones");
  check(list.data.meta?.total === milestones.length, `meta.total ${list.data.meta?.total} but ${milestones.length} milestones on the page`);
  check(list.data.meta?.next_cursor == null, "all of UK0075's milestones fit in one default page, yet there is a next cursor");
  milestones.forEach((milestone, index) => {
    check(milestone.commitment?.id === "UK0075", `${milestone.id} belongs to ${show(milestone.commitment)}`);
    check(milestone.number === index + 1, `milestones out of order: ${milestone.number} at position ${index + 1}`);
    check(milestone.id === `UK0075-${milestone.number}`, `milestone ${milestone.number} has id ${milestone.id}`);
    check((milestone.text ?? "").length > 0, `${milestone.id} has no text`);
  });
  console.log(`ok: UK0075 "${commitment.title}" (${commitment.member.name}) with ${milestones.length} milestones in order`);
}

/** The releases, what changed since the newest (nothing), and UK0075's history: added by the first release. */
async function readReleasesAndChanges(): Promise<void> {
  const releases = await client.GET("/v1/releases");
  check(releases.error === undefined, `/v1/releases: ${releases.response.status} ${show(releases.error)}`);
  const newest = releases.data.data?.[0];
  check(newest !== undefined && newest.current === true, `the first release listed is not the current one: ${show(newest)}`);
  const changes = await client.GET("/v1/changes", { params: { query: { since: newest.id } } });
  check(changes.error === undefined, `/v1/changes: ${changes.response.status} ${show(changes.error)}`);
  check(changes.data.meta?.until === newest.id, `meta.until is ${changes.data.meta?.until}, expected ${newest.id}`);
  check((changes.data.data ?? []).length === 0, `changes since the current release: ${show(changes.data.data)}`);
  const history = await client.GET("/v1/commitments/{id}/history", { params: { path: { id: "UK0075" } } });
  check(history.error === undefined, `UK0075's history: ${history.response.status} ${show(history.error)}`);
  const added = (history.data.data ?? []).at(-1);
  check(added?.change === "added" && added.id === "UK0075" && added.collection === "commitments", `UK0075's history ends with ${show(added)}`);
  console.log(`ok: ${(releases.data.data ?? []).length} release(s), the newest ${newest.id}; UK0075 added in release ${added.release_number}`);
}

type Measure = Schemas["AggregateMeasure"];

/** A measure of a group: the object under the measure's name (the group's other keys are its fields and count). */
function measureOf(group: Schemas["AggregateGroup"], name: string): Measure {
  const value = group[name];
  check(typeof value === "object" && value !== null && "assessed" in value, `the group has no measure ${name}: ${show(group)}`);
  return value;
}

/** A dashboard's question in one call: the share of commitments substantial or complete, per member. */
async function aggregateByMember(listed: Set<string>): Promise<void> {
  const answer = await client.GET("/v1/commitments/aggregate", {
    params: { query: { group_by: ["member"], measure: ["completion"], sort: "-completion_at_least_substantial" } },
  });
  check(answer.error === undefined, `/v1/commitments/aggregate: ${answer.response.status} ${show(answer.error)}`);
  const groups = answer.data.data ?? [];
  const meta = answer.data.meta;
  check(meta.total === listed.size, `meta.total ${meta.total}, but ${listed.size} commitments were listed`);
  check(meta.groups === groups.length && !meta.overlapping, `meta ${show(meta)} for ${groups.length} groups by member`);
  check(groups.reduce((sum, group) => sum + group.count, 0) === meta.total, "the members' counts do not add up to meta.total");
  let previous = Number.POSITIVE_INFINITY;
  for (const group of groups) {
    const member = group["member"];
    check(typeof member === "object" && member !== null && "id" in member && "name" in member, `a group without its member: ${show(group)}`);
    const completion = measureOf(group, "completion");
    const counted = Object.values(completion.counts).reduce((sum, n) => sum + n, 0);
    check(counted === group.count, `${member.id}: completion counts ${counted} records of ${group.count}`);
    const share = completion.at_least?.["substantial"] ?? null;
    check(share === null || share <= previous, `${member.id} is out of the order of -completion_at_least_substantial`);
    if (share !== null) previous = share;
  }
  console.log(`ok: ${groups.length} members, ${meta.total} commitments, the first ${show(groups[0]?.["member"])}`);
}

/** A bad request comes back through the client's error branch as the contract's typed problem. */
async function receiveTypedProblems(): Promise<void> {
  // Both values are allowed by the parameters' types, and both break the contract's rules
  // (limit is at most 1000; sort takes known keys): every problem comes back at once.
  const bad = await client.GET("/v1/commitments", { params: { query: { limit: 1001, sort: "colour" } } });
  check(bad.data === undefined, `limit=1001&sort=colour was answered ${bad.response.status} with data`);
  check(bad.response.status === 400, `limit=1001&sort=colour: status ${bad.response.status}, expected 400`);
  check(bad.response.headers.get("content-type")?.startsWith("application/problem+json") === true,
    `content type ${bad.response.headers.get("content-type")}`);
  const problem = bad.error;
  check(hasErrors(problem), `the 400 has no errors map: ${show(problem)}`);
  check(problem.status === 400, `problem.status is ${problem.status}`);
  const errors = problem.errors;
  check(Object.keys(errors).sort().join(",") === "limit,sort", `errors name ${Object.keys(errors).join(",")}, expected limit and sort`);
  check(errors["limit"]?.some((message) => message.includes("1001")) === true, `the limit error does not quote 1001: ${show(errors["limit"])}`);
  check(errors["sort"]?.some((message) => message.includes("colour")) === true, `the sort error does not quote colour: ${show(errors["sort"])}`);
  console.log(`ok: 400 problem "${problem.title}" with errors for ${Object.keys(errors).join(" and ")}`);

  const missing = await client.GET("/v1/commitments/{id}", { params: { path: { id: "XX9999" } } });
  check(missing.response.status === 404, `XX9999: status ${missing.response.status}, expected 404`);
  check(missing.error !== undefined, "XX9999: no problem in the error branch");
  check(missing.error.status === 404, `XX9999: problem.status is ${missing.error.status}`);
  check((missing.error.detail ?? "").includes("XX9999"), `XX9999: the problem does not name the id: ${show(missing.error)}`);
  console.log(`ok: 404 problem "${missing.error.title}" for XX9999`);
}

try {
  const listed = await listEveryCommitment();
  await fetchUk0075(listed);
  await readReleasesAndChanges();
  await aggregateByMember(listed);
  await receiveTypedProblems();
  console.log(`TypeScript client: every check passed against ${baseUrl}`);
} catch (failure) {
  // fetch reports an unreachable service as "fetch failed", with the reason (ECONNREFUSED...) as its cause.
  const reason = failure instanceof CheckFailed ? failure.message
    : failure instanceof Error ? `${failure.stack ?? failure.message}${failure.cause === undefined ? "" : `\ncaused by: ${String(failure.cause)}`}`
    : String(failure);
  console.error(`TypeScript client check FAILED against ${baseUrl}: ${reason}`);
  process.exit(1);
}
