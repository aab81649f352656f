import path from "node:path";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openContext } from "../cli/context.js";
import { fields, formatBytes, print, progressBar } from "../cli/output.js";
import { runCommand } from "../cli/run.js";
import { netuid } from "../cli/subnet.js";

interface Args {
  netuid: string;
  hotkey: string;
  dir: string;
  ipfs: string;
  json: boolean;
}

export default async function subnetCandidatePull(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const context = await openContext(hre, { ipfs: args.ipfs });
    const bar = args.json ? undefined : progressBar("Pulling");
    try {
      const id = netuid(args.netuid);
      const { candidate, pulled } = await context.client.subnets.pullCandidate({
        netuid: id,
        hotkey: args.hotkey,
        destination: path.resolve(args.dir),
        onProgress: ({ bytes, total }) => bar?.update(bytes, total),
      });
      bar?.done();
      print(args.json, { candidate, pulled }, () =>
        [
          `Pulled the candidate of ${candidate.hotkey} on subnet ${id} into ${args.dir}, verified against the CID on chain.`,
          fields([
            ["CID", pulled.cid.toString()],
            ["Files", pulled.files],
            ["Size", formatBytes(pulled.bytes)],
          ]),
        ].join("\n"),
      );
    } finally {
      bar?.done();
      await context.close();
    }
  });
}
