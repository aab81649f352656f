import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openContext } from "../cli/context.js";
import { print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  slug: string;
  json: boolean;
}

export default async function imoCancel(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const context = await openContext(hre, { ipfs: false });
    try {
      const { result, receipt } = await context.client.offering.cancel({ model: args.slug });
      print(args.json, { ...result, transaction: receipt.hash }, () =>
        `${args.slug}'s sale is cancelled before its start: the tokens for sale are back in the DAO treasury.`,
      );
    } finally {
      await context.close();
    }
  });
}
