import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openContext } from "../cli/context.js";
import { print, table } from "../cli/output.js";
import { runCommand } from "../cli/run.js";
import { netuid } from "../cli/subnet.js";

interface Args {
  netuid: string;
  hotkey: string;
  json: boolean;
}

export default async function subnetCandidateShow(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const context = await openContext(hre, { ipfs: false });
    try {
      const id = netuid(args.netuid);
      const { subnets } = context.client;
      const one = args.hotkey ? await subnets.getCandidate({ netuid: id, hotkey: args.hotkey }) : undefined;
      const candidates = args.hotkey ? (one ? [one] : []) : await subnets.listCandidates(id);
      print(args.json, candidates, () =>
        candidates.length === 0
          ? args.hotkey
            ? `${args.hotkey} has published no candidate on subnet ${id}.`
            : `No miner of subnet ${id} has published a candidate yet.`
          : table(
              ["uid", "hotkey", "cid"],
              candidates.map((c) => [c.uid ?? "-", c.hotkey, c.cid.toString()]),
            ),
      );
    } finally {
      await context.close();
    }
  });
}
