import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { money, when } from "../cli/amounts.js";
import { openContext } from "../cli/context.js";
import { print, table } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  json: boolean;
}

export default async function imoList(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const context = await openContext(hre, { ipfs: false });
    try {
      const offerings = await context.client.offering.listOfferings();
      print(args.json, offerings, () =>
        offerings.length === 0
          ? "No model has been launched yet."
          : table(
              ["model", "token", "status", "raised", "soft cap", "hard cap", "price per token", "start", "end"],
              offerings.map((o) => [
                o.slug,
                o.tokenSymbol,
                o.status,
                money(o.raised, o.payment),
                money(o.softCap, o.payment),
                money(o.hardCap, o.payment),
                money(o.price, o.payment),
                when(o.start),
                when(o.end),
              ]),
            ),
      );
    } finally {
      await context.close();
    }
  });
}
