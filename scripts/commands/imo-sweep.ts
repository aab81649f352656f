import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { money, tokens } from "../cli/amounts.js";
import { openContext } from "../cli/context.js";
import { fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  slug: string;
  json: boolean;
}

export default async function imoSweep(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const context = await openContext(hre, { ipfs: false });
    try {
      const { offering } = context.client;
      const { result, receipt } = await offering.sweep({ model: args.slug });
      const sale = await offering.getOffering(args.slug);
      print(args.json, { ...result, treasury: sale.treasury, transaction: receipt.hash }, () =>
        [
          `Swept what rounding left in ${args.slug}'s sale to its treasury ${sale.treasury}: ${tokens(result.tokens, sale.tokenSymbol)} and ${money(result.payment, sale.payment)}.`,
          fields([
            ["Fee owed", sale.totals.feeOwed > 0n ? `${money(sale.totals.feeOwed, sale.payment)} (anyone may pay it out to ${sale.fee.recipient})` : undefined],
            ["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`],
          ]),
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}
