import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openContext, parseVersionRef } from "../cli/context.js";
import { CliError, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  ref: string;
  reason: string;
  undo: boolean;
  json: boolean;
}

export default async function modelDeprecate(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const ref = parseVersionRef(args.ref);
    if (ref.version === "latest") throw new CliError("Name the version to deprecate.", "Write it as <slug>@<tag>.");
    if (!args.undo && !args.reason) throw new CliError("A reason is required.", 'Add --reason "...", e.g. --reason "superseded by v1.1.0".');
    const context = await openContext(hre, { ipfs: false });
    try {
      const { registry } = context.client;
      const { result, receipt } = args.undo
        ? await registry.undeprecateVersion(ref)
        : await registry.deprecateVersion({ ...ref, reason: args.reason });
      print(args.json, { ...result, transaction: receipt.hash }, () =>
        args.undo
          ? `${ref.model}@${result.tag} is live again.`
          : `${ref.model}@${result.tag} is deprecated: ${result.deprecationReason}`,
      );
    } finally {
      await context.close();
    }
  });
}
