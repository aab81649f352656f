import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openContext } from "../cli/context.js";
import { fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";
import { netuid, units } from "../cli/subnet.js";

interface Args {
  netuid: string;
  to: string;
  json: boolean;
}

export default async function subnetClaim(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const context = await openContext(hre, { ipfs: false });
    try {
      const id = netuid(args.netuid);
      const { subnets } = context.client;
      const subnet = await subnets.getSubnet(id);
      const { result } = await subnets.claimRewards({ netuid: id, to: args.to || undefined });
      print(args.json, result, () =>
        [
          `Claimed ${units(result.amount, subnet.rewardToken)} from subnet ${id}, sent to ${result.to}.`,
          fields([
            ["Rewards", result.rewards > 0n ? units(result.rewards, subnet.rewardToken) : undefined],
            ["Stake dividends", result.stakeRewards > 0n ? units(result.stakeRewards, subnet.rewardToken) : undefined],
            ["Transactions", result.transactions.join(", ")],
          ]),
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}
