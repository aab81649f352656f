import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openContext } from "../cli/context.js";
import { fields, print, progressBar } from "../cli/output.js";
import { runCommand } from "../cli/run.js";
import { netuid } from "../cli/subnet.js";

interface Args {
  netuid: string;
  path: string;
  ipfs: string;
  json: boolean;
}

export default async function subnetCandidatePublish(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const context = await openContext(hre, { ipfs: args.ipfs });
    const bar = args.json ? undefined : progressBar("Uploading");
    try {
      const id = netuid(args.netuid);
      const { result, receipt } = await context.client.subnets.publishCandidate({
        netuid: id,
        path: args.path,
        onProgress: ({ bytes, total }) => bar?.update(bytes, total),
      });
      bar?.done();
      print(args.json, { ...result, transaction: receipt.hash }, () =>
        [
          `Published ${args.path} as the candidate of ${result.hotkey} on subnet ${id}.`,
          fields([
            ["CID", result.cid.toString()],
            ["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`],
          ]),
          `Validators fetch it with: npx hardhat subnet candidate pull ${id} ${result.hotkey} <dir>`,
        ].join("\n"),
      );
    } finally {
      bar?.done();
      await context.close();
    }
  });
}
