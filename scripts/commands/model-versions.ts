import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openContext } from "../cli/context.js";
import { print, table } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  slug: string;
  json: boolean;
}

export default async function modelVersions(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const context = await openContext(hre, { ipfs: false });
    try {
      const { registry } = context.client;
      const versions = await registry.listVersions({ model: args.slug });
      const slugs = new Map<bigint, string>();
      for (const v of versions) {
        if (v.parent && !slugs.has(v.parent.model)) slugs.set(v.parent.model, (await registry.getModel(v.parent.model)).slug);
      }
      print(args.json, versions, () =>
        versions.length === 0
          ? `${args.slug} has no versions yet.`
          : table(
              ["#", "tag", "weights CID", "parent", "published", "status"],
              versions.map((v) => [
                v.index,
                v.tag,
                v.weightsCid.toString(),
                v.parent ? `${slugs.get(v.parent.model)}#${v.parent.index}` : "-",
                v.publishedAt.toISOString().slice(0, 16).replace("T", " "),
                v.deprecated ? `deprecated: ${v.deprecationReason}` : "live",
              ]),
            ),
      );
    } finally {
      await context.close();
    }
  });
}
