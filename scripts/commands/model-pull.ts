import path from "node:path";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openContext, parseVersionRef } from "../cli/context.js";
import { fields, formatBytes, print, progressBar } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  ref: string;
  dir: string;
  ipfs: string;
  json: boolean;
}

export default async function modelPull(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const context = await openContext(hre, { ipfs: args.ipfs });
    const bar = args.json ? undefined : progressBar("Pulling");
    try {
      const { version, pulled } = await context.client.registry.pullVersion({
        ...parseVersionRef(args.ref),
        destination: path.resolve(args.dir),
        onProgress: ({ bytes, total }) => bar?.update(bytes, total),
      });
      bar?.done();
      print(args.json, { version, pulled }, () =>
        [
          `Pulled ${args.ref.split("@")[0]}@${version.tag} into ${args.dir}, verified against the chain.`,
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
