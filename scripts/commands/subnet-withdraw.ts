import { SubnetStakeUnbondingError } from "../../sdk/src/index.js";
import { CliError, fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid, units } from "../cli/subnet.js";

export default command<"subnet withdraw">(async (args, scope) => {
  const context = await scope.open();
  const id = netuid(args.netuid);
  const { subnets } = context.client;
  const subnet = await subnets.getSubnet(id);
  const { result, receipt } = await subnets
    .withdrawStake({ netuid: id, hotkey: args.hotkey || undefined })
    .catch((error: unknown) => {
      // The contract names the amount in units and the epoch; say it with the token's symbol and when it is due.
      if (!(error instanceof SubnetStakeUnbondingError)) throw error;
      const [hotkey, , unbonding, from] = error.args as unknown as [string, string, bigint, bigint];
      if (unbonding === 0n) throw new CliError(`You have no unstaked stake on ${hotkey} on subnet ${id} to withdraw.`);
      throw new CliError(
        `Your ${units(unbonding, subnet.stakeToken)} unstaked from ${hotkey} is still unbonding: it can be withdrawn once epoch ${from} has started.`,
        `The next epoch may start from block ${subnet.nextEpochBlock}; anyone can run it (npx hardhat subnet epoch ${id}).`,
      );
    });
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Withdrew ${units(result.amount, subnet.stakeToken)} of unbonded stake from ${result.hotkey} on subnet ${id}.`,
      fields([["Dividends paid", units(result.rewards, subnet.rewardToken)], transactionEntry(receipt)]),
    ].join("\n"),
  );
});
