import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { SubnetStakeUnbondingError } from "../../sdk/src/index.js";
import { openContext } from "../cli/context.js";
import { CliError, fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";
import { netuid, units } from "../cli/subnet.js";

interface Args {
  netuid: string;
  hotkey: string;
  json: boolean;
}

export default async function subnetWithdraw(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const context = await openContext(hre, { ipfs: false });
    try {
      const id = netuid(args.netuid);
      const { subnets } = context.client;
      const subnet = await subnets.getSubnet(id);
      const { result, receipt } = await subnets.withdrawStake({ netuid: id, hotkey: args.hotkey || undefined }).catch((error: unknown) => {
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
          fields([
            ["Dividends paid", units(result.rewards, subnet.rewardToken)],
            ["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`],
          ]),
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}
