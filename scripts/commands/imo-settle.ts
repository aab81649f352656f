import { isAddress } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { money, tokens } from "../cli/amounts.js";
import { openContext } from "../cli/context.js";
import { CliError, fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  slug: string;
  account: string;
  json: boolean;
}

export default async function imoSettle(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    if (args.account && !isAddress(args.account)) throw new CliError(`"${args.account}" is not an address.`);
    const context = await openContext(hre, { ipfs: false });
    try {
      const { offering } = context.client;
      const { result, receipt } = await offering.settle({ model: args.slug, account: args.account || undefined });
      const sale = await offering.getOffering(args.slug);
      const whose = result.account === context.account ? "Your" : `${result.account}'s`;
      print(args.json, { ...result, transaction: receipt.hash }, () =>
        [
          `${whose} deposit in ${args.slug}'s sale (${sale.status}) is settled: ${tokens(result.tokens, sale.tokenSymbol)} and ${money(result.refund, sale.payment)} refunded, sent to ${result.to}.`,
          fields([["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`]]),
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}
