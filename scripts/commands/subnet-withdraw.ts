import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openContext } from "../cli/context.js";
import { fields, print } from "../cli/output.js";
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
      const { result, receipt } = await subnets.withdrawStake({ netuid: id, hotkey: args.hotkey || undefined });
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
