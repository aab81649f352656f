import { isAddress } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openContext } from "../cli/context.js";
import { CliError, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  slug: string;
  account: string;
  revoke: boolean;
  json: boolean;
}

export default async function modelPublisher(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    if (!isAddress(args.account)) throw new CliError(`"${args.account}" is not an address.`);
    const context = await openContext(hre, { ipfs: false });
    try {
      const { result } = await context.client.registry.setPublisher({ model: args.slug, account: args.account, allowed: !args.revoke });
      print(args.json, { publishers: result }, () =>
        `${args.account} ${args.revoke ? "may no longer" : "may now"} publish versions of ${args.slug}.` +
        `\nPublishers besides the owner: ${result.length ? result.join(", ") : "none"}`,
      );
    } finally {
      await context.close();
    }
  });
}
