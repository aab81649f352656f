import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid, units } from "../cli/subnet.js";

export default command<"subnet stake">(async (args, scope) => {
  const context = await scope.open();
  const id = netuid(args.netuid);
  const { subnets } = context.client;
  const subnet = await subnets.getSubnet(id);
  const { result, receipt } = await subnets.addStake({
    netuid: id,
    hotkey: args.hotkey || undefined,
    amount: args.amount,
  });
  const on = result.hotkey === context.account ? "your own hotkey" : `the hotkey ${result.hotkey} (a delegation)`;
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Staked ${units(result.amount, subnet.stakeToken)} on ${on} on subnet ${id}.`,
      fields([
        ["Your stake there", units(result.position, subnet.stakeToken)],
        ["Hotkey's stake", units(result.hotkeyStake, subnet.stakeToken)],
        [
          "Counts and earns from",
          `epoch ${result.activeFrom} (the epoch after the next: an epoch counts only stake present for the whole tempo it pays for)`,
        ],
        transactionEntry(receipt),
      ]),
    ].join("\n"),
  );
});
