import type { EmissionRefreshResult } from "../../sdk/src/index.js";
import { when } from "../cli/amounts.js";
import { CliError, fields, print, table, transactionEntry } from "../cli/output.js";
import { address } from "../cli/parse.js";
import { command } from "../cli/run.js";
import { units } from "../cli/subnet.js";

export default command<"emission refresh">(async (args, scope) => {
  if (args.stale === (args.voter !== "")) {
    throw new CliError(
      args.stale ? "--stale refreshes every stale voter: name no voter with it." : "Whose weight? Name a voter.",
      "Write: emission refresh <address>, or emission refresh --stale.",
    );
  }
  const voter = args.stale ? undefined : address(args.voter);
  const { client } = await scope.open();
  const { emission } = client;
  if (voter !== undefined) {
    const prepared = await emission.prepareRefresh(voter);
    if (!prepared.changes) {
      const { token } = await emission.release();
      const { oldPower, newPower, allocated } = prepared;
      print(args.json, { voter: prepared.voter, changed: false, allocated, oldPower, newPower }, () =>
        allocated
          ? `${prepared.voter}'s weight already counts its power now (${units(oldPower, token)}): nothing to refresh.`
          : `${prepared.voter} has no votes allocated: nothing to refresh.`,
      );
      return;
    }
    const { result, receipt } = await emission.refresh(voter);
    print(args.json, { ...result, transaction: receipt.hash }, () =>
      [sentence(result), fields([transactionEntry(receipt)])].join("\n"),
    );
    return;
  }
  const stale = await emission.staleVoters();
  if (stale.length === 0) {
    print(args.json, [], () => "No voter's weight differs from its power now: nothing to refresh.");
    return;
  }
  const bar = scope.steps("Refreshing");
  const results: (EmissionRefreshResult & { transaction: string })[] = [];
  for (const [i, { voter }] of stale.entries()) {
    const { result, receipt } = await emission.refresh(voter);
    results.push({ ...result, transaction: receipt.hash });
    bar?.update(i + 1, stale.length, receipt.gasUsed);
  }
  bar?.done();
  print(args.json, results, () => {
    const token = results[0].token;
    return [
      `Refreshed ${results.length} voter${results.length === 1 ? "" : "s"}; the new weights count from period ${results[0].from}, starting ${when(results[0].fromStart)}.`,
      "",
      table(
        ["voter", "old power", "new power"],
        results.map((r) => [r.voter, units(r.oldPower, token), units(r.newPower, token)]),
      ),
    ].join("\n");
  });
});

/** A refresh in words: whose weight, from what to what, from when. */
function sentence(r: EmissionRefreshResult): string {
  return `Refreshed ${r.voter}'s weight: ${units(r.oldPower, r.token)} -> ${units(r.newPower, r.token)} of votes, from period ${r.from}, starting ${when(r.fromStart)}.`;
}
