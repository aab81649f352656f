import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openContext } from "../cli/context.js";
import { fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";
import { netuid, units } from "../cli/subnet.js";

interface Args {
  netuid: string;
  hotkey: string;
  maxPrice: string;
  json: boolean;
}

export default async function subnetRegister(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const context = await openContext(hre, { ipfs: false });
    try {
      const id = netuid(args.netuid);
      const { subnets } = context.client;
      const subnet = await subnets.getSubnet(id);
      const { result, receipt } = await subnets.registerNeuron({
        netuid: id,
        hotkey: args.hotkey || undefined,
        maxPrice: args.maxPrice || undefined,
      });
      print(args.json, { ...result, transaction: receipt.hash }, () =>
        [
          `${result.hotkey} holds UID ${result.uid} on subnet ${id}, for ${units(result.price, subnet.rewardToken)} paid into the reward pool.`,
          fields([
            ["Replaced", result.replaced ? `the hotkey ${result.replaced} that held it` : undefined],
            ["Immune until", `block ${result.registeredAt + BigInt(subnet.hyperparameters.immunityPeriod)}`],
            ["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`],
          ]),
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}
