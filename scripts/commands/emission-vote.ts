import { parseEmissionVote } from "../../sdk/src/index.js";
import { when } from "../cli/amounts.js";
import { CliError, fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";
import { units } from "../cli/subnet.js";

export default command<"emission vote">(async (args, scope) => {
  if (args.clear === (args.allocation !== "")) {
    throw new CliError(
      args.clear
        ? "--clear withdraws every vote: give no subnets with it."
        : "Which subnets? Give netuid:percent pairs.",
      "Write: emission vote 1:70,2:30 (percent of your votes), or emission vote --clear.",
    );
  }
  const allocations = args.clear ? [] : parseEmissionVote(args.allocation);
  const { client } = await scope.open();
  const { result, receipt } = await client.emission.vote(allocations);
  const starting = `from period ${result.from}, starting ${when(result.fromStart)}`;
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      result.allocations.length === 0
        ? `You withdrew your votes: ${starting}, they weigh for no subnet.`
        : `You vote with ${units(result.power, result.token)}: ${result.allocations
            .map((a) => `${a.bps / 100}% to subnet ${a.netuid}`)
            .join(", ")}. It weighs ${starting}.`,
      fields([transactionEntry(receipt)]),
    ].join("\n"),
  );
});
