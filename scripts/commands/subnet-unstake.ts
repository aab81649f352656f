import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid, units } from "../cli/subnet.js";

export default command<"subnet unstake">(async (args, scope) => {
  const context = await scope.open();
  const id = netuid(args.netuid);
  const { subnets } = context.client;
  const subnet = await subnets.getSubnet(id);
  const { result, receipt } = await subnets.removeStake({
    netuid: id,
    hotkey: args.hotkey || undefined,
    amount: args.amount,
  });
  const unbonding = result.unbonding ?? 0n;
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Unstaked ${units(result.amount, subnet.stakeToken)} from ${result.hotkey} on subnet ${id}.`,
      fields([
        ["Paid back now", units(result.released ?? 0n, subnet.stakeToken)],
        ...(unbonding === 0n
          ? []
          : ([
              [
                "Unbonding",
                `${units(unbonding, subnet.stakeToken)}, withdrawable once epoch ${result.withdrawableFrom} has started`,
              ],
            ] as [string, string][])),
        ["Your stake there", units(result.position, subnet.stakeToken)],
        ["Hotkey's stake", units(result.hotkeyStake, subnet.stakeToken)],
        transactionEntry(receipt),
      ]),
      ...(unbonding === 0n
        ? []
        : [
            `It counted in an epoch, so it stays until the next one starts; then run \`npx hardhat subnet withdraw ${id}${args.hotkey ? ` --hotkey ${args.hotkey}` : ""}\`.`,
          ]),
    ].join("\n"),
  );
});
