import { describeBounty } from "../../sdk/src/index.js";
import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid } from "../cli/subnet.js";

export default command<"subnet promote">(async (args, scope) => {
  const id = netuid(args.netuid);
  const { client } = await scope.open();
  const { result, receipt } = await client.promotion.promote(id);
  const model = await client.registry.getModel(result.model);
  const bounty = result.bounty.token ? { bountyToken: result.bounty.token } : {};
  print(args.json, { ...result, slug: model.slug, transaction: receipt.hash }, () =>
    [
      `UID ${result.uid} of subnet ${id} is now ${model.slug}@${result.tag} (version ${result.index}), after leading ${result.streak} epochs in a row.`,
      fields([
        ["Miner", `hotkey ${result.hotkey}, coldkey ${result.coldkey}`],
        [
          "Bounty",
          result.bounty.due === 0n
            ? "none"
            : `${describeBounty(result.bounty.credited, bounty)} credited to the coldkey${result.bounty.credited < result.bounty.due ? ` (of ${describeBounty(result.bounty.due, bounty)} due: the escrow ran short)` : ""}`,
        ],
        transactionEntry(receipt),
      ]),
      result.bounty.credited > 0n ? `The coldkey claims it with: npx hardhat subnet bounty claim ${id}` : "",
    ]
      .filter(Boolean)
      .join("\n"),
  );
});
