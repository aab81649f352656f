// Chapter 15: the subnet's winning fine-tune becomes face-landmark-68's next version, its miner credited and paid.
import path from "node:path";

import { formatUnits } from "ethers";

import { createClient } from "../../sdk/src/index.js";
import { table } from "../cli/output.js";
import { type Client, type Demo, outputBiasShift, root, section, SLUG, type Token } from "./context.js";
import type { Launch, Sale } from "./offering.js";
import { type Neurons, runDueEpoch, type Subnet } from "./subnet.js";

/** Whole FL68 with two decimals. */
const fl68 = (units: bigint) => `${Number(formatUnits(units, 18)).toFixed(2)} FL68`;

/**
 * 13. The model's DAO binds the subnet (K = 2 epochs in a row, a 500 FL68 bounty from a 1,000 FL68 escrow), the
 * leader holds a second epoch, a keeper promotes it, the miner claims its bounty, and the version is pulled verified.
 */
export async function promoteTheWinner(
  demo: Demo,
  { launched }: Launch,
  { investors }: Sale,
  keeper: Client,
  token: Token,
  { subnet, neurons }: { subnet: Subnet; neurons: Neurons },
): Promise<void> {
  const { client, deployment, networkHelpers, signers, track } = demo;
  const { netuid } = subnet;
  section("15. The winning fine-tune becomes face-landmark-68's next version: bind, hold, promote, credit, pull");
  console.log(`Before any binding: ${(await client.promotion.status(netuid)).reason}`);

  // The DAO owns the model since its IMO, so the binding is a proposal: Promotion becomes a publisher, the subnet is
  // bound with its rule and bounty, and the treasury funds the escrow, in one proposal.
  const member = signers[1];
  const memberClient = createClient({ runner: member, deployment });
  const calls = await memberClient.governance.buildAuthorisePromotion({
    model: SLUG,
    netuid,
    minStreak: 2,
    bountyToken: launched.token,
    bounty: "500",
    escrow: "1000",
  });
  const proposed = track(
    "propose the binding (team member)",
    await memberClient.governance.propose({
      model: SLUG,
      calls,
      description: `# Promote subnet ${netuid}'s winners\n\nA candidate that leads two epochs in a row becomes our next version; its miner earns 500 FL68.`,
    }),
  );
  const number = proposed.result.number;
  for (const action of proposed.result.actions) console.log(`  - ${action.description}`);
  await networkHelpers.time.increaseTo(Math.floor(proposed.result.snapshot.getTime() / 1000) + 1);
  track(
    "vote for (team member)",
    await memberClient.governance.vote({ model: SLUG, proposal: number, support: "for" }),
  );
  for (const [i, investor] of investors.slice(1, 4).entries()) {
    track(
      `vote for (investor ${i + 2})`,
      await createClient({ runner: investor, deployment }).governance.vote({
        model: SLUG,
        proposal: number,
        support: "for",
      }),
    );
  }
  await networkHelpers.time.increaseTo(Math.floor(proposed.result.deadline.getTime() / 1000) + 1);
  track("queue (keeper)", await keeper.governance.queueProposal({ model: SLUG, proposal: number }));
  const queued = await client.governance.getProposal({ model: SLUG, proposal: number });
  await networkHelpers.time.increaseTo(Math.floor(queued.eta!.getTime() / 1000));
  track("execute (keeper)", await keeper.governance.executeProposal({ model: SLUG, proposal: number }));

  const before = await client.promotion.status(netuid);
  console.log(`Bound. After epoch #3: ${before.reason}`);
  const preview = await client.subnets.previewEpoch(netuid);
  if (preview.leader) {
    console.log(
      `The preview of the next epoch: UID ${preview.leader.uid} would lead again (incentive ${preview.leader.incentive} of 65535), a streak of ${preview.leader.streak}.`,
    );
  }
  await runDueEpoch(demo, keeper, subnet, "#4 (the leader holds a second epoch)");
  const ready = await client.promotion.status(netuid);
  console.log(`After epoch #4: ${ready.reason}`);

  // Anyone may promote once the rule holds: here the keeper.
  const promoted = track("promote the leader (keeper)", await keeper.promotion.promote(netuid));
  const p = promoted.result;
  const minerIndex = neurons.miners.findIndex((m) => m.address === p.hotkey);
  const miner = neurons.miners[minerIndex];
  console.log(
    `Published ${SLUG}@${p.tag} (version #${p.index}) from UID ${p.uid} (miner ${minerIndex + 1}), ` +
      `after ${p.streak} epochs in a row; ${fl68(p.bounty.credited)} credited to its coldkey (due ${fl68(p.bounty.due)}).`,
  );
  const claimed = track(
    "claim the bounty (miner's coldkey)",
    await createClient({ runner: miner, deployment }).promotion.claimBounty({ token: launched.token }),
  );

  const versions = await client.registry.listVersions({ model: SLUG });
  console.log(
    table(
      ["version", "weights CID", "parent", "published by", "from"],
      versions.map((v) => [
        v.tag,
        v.weightsCid.toString(),
        v.parent
          ? (versions.find((q) => q.model === v.parent!.model && q.index === v.parent!.index)?.tag ??
            `#${v.parent.index}`)
          : "-",
        v.publisher === launched.timelock
          ? "the DAO (timelock)"
          : v.publisher === deployment.contracts.Promotion!.address
            ? "Promotion"
            : v.publisher.slice(0, 10),
        v.contribution
          ? `subnet ${v.contribution.netuid}, UID ${v.contribution.uid}, miner ${v.contribution.hotkey.slice(0, 10)}…, epoch ${v.contribution.epoch}`
          : "-",
      ]),
    ),
  );

  // Anyone pulls the promoted version and checks it against the chain, as any other.
  const destination = path.join(root, "pulled", `${SLUG}-${p.tag}`);
  const { version, pulled } = await client.registry.pullVersion({
    model: SLUG,
    version: { tag: p.tag },
    destination,
  });
  const shift = await outputBiasShift(path.join(root, "models", "face-landmark-68-v1.0.1"), destination);
  console.log(
    `Pulled ${SLUG}@${version.tag} verified (${pulled.files} files, root CID = chain: ${pulled.cid.equals(version.weightsCid)}); ` +
      `its output bias moved ${shift.toFixed(4)} from v1.0.1.`,
  );

  const binding = await client.promotion.binding(netuid);
  const held = await token.balanceOf(deployment.contracts.Promotion!.address);
  console.log(
    table(
      ["bounty (FL68)", "amount"],
      [
        ["funded by the DAO", fl68(1000n * 10n ** 18n)],
        ["credited to the miner and claimed", fl68(claimed.result.amount)],
        ["left in the escrow", fl68(binding.escrow)],
        ["held by Promotion", fl68(held)],
      ],
    ),
  );
  const latest = versions.at(-1)!;
  const parent = versions.find((v) => v.tag === "v1.1.0")!;
  if (
    latest.tag !== p.tag ||
    latest.parent?.index !== parent.index ||
    latest.contribution?.hotkey !== miner.address ||
    !pulled.cid.equals(version.weightsCid) ||
    binding.escrow + claimed.result.amount !== 1000n * 10n ** 18n ||
    held !== binding.escrow
  ) {
    throw new Error("The promotion does not show in the registry, or the bounty does not balance.");
  }
}
