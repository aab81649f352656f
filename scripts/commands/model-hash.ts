import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { hashPath } from "../../sdk/src/index.js";
import { CliError, formatBytes, print, progressBar } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  path: string;
  cidVersion: string;
  json: boolean;
}

export default async function modelHash(args: Args, _hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    if (args.cidVersion !== "0" && args.cidVersion !== "1") {
      throw new CliError(`--cid-version must be 0 or 1, not "${args.cidVersion}".`);
    }
    const bar = args.json ? undefined : progressBar("Hashing");
    try {
      const result = await hashPath(args.path, {
        cidVersion: Number(args.cidVersion) as 0 | 1,
        onProgress: ({ bytes, total }) => bar?.update(bytes, total),
      });
      bar?.done();
      print(args.json, { cid: result.cid, size: result.size, entries: result.entries }, () =>
        args.json ? "" : `${result.cid}  ${args.path} (${formatBytes(result.size)})`,
      );
    } finally {
      bar?.done();
    }
  });
}
