// Chapter 13: the model's DAO publishes a fine-tuned version.
import path from "node:path";

import { formatUnits } from "ethers";

import { createClient } from "../../sdk/src/index.js";
import { table } from "../cli/output.js";
import { type Client, type Demo, fineTuneOutputBias, root, section, SLUG } from "./context.js";
import type { Launch, Sale } from "./offering.js";

/** 13. The DAO publishes a fine-tuned version: delegate, propose, vote (one by signature), queue, execute. */
export async function publishByTheDao(
  { client, networkHelpers, signers, deployment, ipfs, track }: Demo,
  { launched }: Launch,
  { investors }: Sale,
  keeper: Client,
): Promise<void> {
  section("13. The DAO publishes a fine-tuned version: delegate, propose, vote (one by signature), queue, execute");
  // A team member delegates its vesting wallet's votes to itself, enough to propose (threshold 1000 FL68).
  const member = signers[1];
  const memberClient = createClient({ runner: member, deployment, ipfs });
  const [wallet] = (await memberClient.offering.getPortfolio(member.address)).entries[0].vesting;
  track(
    "delegate vesting wallet votes (team member)",
    await memberClient.offering.delegateVesting({ wallet: wallet.wallet, to: member.address }),
  );
  for (const investor of investors.slice(1, 4)) {
    track(
      "delegate to self (investor)",
      await createClient({ runner: investor, deployment }).governance.delegateVotes({ model: SLUG }),
    );
  }
  // The fine-tuned weights go to IPFS with the proposal; the DAO (the model's owner) publishes them when it passes.
  const tuned = await fineTuneOutputBias(
    path.join(root, "models", "face-landmark-68-v1.0.1"),
    "face-landmark-68-v1.1.0",
  );
  const publishCall = await memberClient.governance.buildPublishVersion({
    model: SLUG,
    tag: "v1.1.0",
    weights: tuned,
    parent: { model: SLUG, version: { tag: "v1.0.1" } },
  });
  const proposed = track(
    "propose (team member)",
    await memberClient.governance.propose({
      model: SLUG,
      calls: [publishCall],
      description:
        "# Publish v1.1.0, a fine-tune of v1.0.1\n\nThe output layer's bias re-estimated; every other weight unchanged.",
    }),
  );
  const number = proposed.result.number;
  console.log(`Proposal #${number}: ${proposed.result.actions.map((a) => a.description).join(" ")}`);
  console.log(
    `Voting opens ${proposed.result.snapshot.toISOString()} (votes count as delegated then) and closes ${proposed.result.deadline.toISOString()}.`,
  );
  await networkHelpers.time.increaseTo(Math.floor(proposed.result.snapshot.getTime() / 1000) + 1);
  track(
    "vote for (team member)",
    await memberClient.governance.vote({ model: SLUG, proposal: number, support: "for" }),
  );
  track(
    "vote for (investor 3)",
    await createClient({ runner: investors[2], deployment }).governance.vote({
      model: SLUG,
      proposal: number,
      support: "for",
      reason: "cheap, and reversible",
    }),
  );
  track(
    "vote against (investor 2)",
    await createClient({ runner: investors[1], deployment }).governance.vote({
      model: SLUG,
      proposal: number,
      support: "against",
    }),
  );
  // Investor 4 signs its ballot; the keeper relays it and pays the gas.
  const ballot = await createClient({ runner: investors[3], deployment }).governance.signVote({
    model: SLUG,
    proposal: number,
    support: "for",
  });
  track("vote by signature (investor 4, relayed by the keeper)", await keeper.governance.relayVote(ballot));
  await networkHelpers.time.increaseTo(Math.floor(proposed.result.deadline.getTime() / 1000) + 1);
  track("queue (keeper)", await keeper.governance.queueProposal({ model: SLUG, proposal: number }));
  const queued = await client.governance.getProposal({ model: SLUG, proposal: number });
  await networkHelpers.time.increaseTo(Math.floor(queued.eta!.getTime() / 1000));
  track("execute (keeper)", await keeper.governance.executeProposal({ model: SLUG, proposal: number }));
  const done = await client.governance.getProposal({ model: SLUG, proposal: number });
  const tokens = (amount: bigint) => Number(formatUnits(amount, 18)).toFixed(2);
  console.log(
    table(
      ["#", "state", "for", "against", "abstain", "quorum", "reached"],
      [
        [
          done.number.toString(),
          done.state,
          tokens(done.votes.for),
          tokens(done.votes.against),
          tokens(done.votes.abstain),
          tokens(done.quorum),
          done.quorumReached ? "yes" : "no",
        ],
      ],
    ),
  );
  const versions = await client.registry.listVersions({ model: SLUG });
  console.log(
    table(
      ["version", "weights CID", "parent", "published by"],
      versions.map((v) => [
        v.tag,
        v.weightsCid.toString(),
        v.parent
          ? (versions.find((p) => p.model === v.parent!.model && p.index === v.parent!.index)?.tag ??
            `#${v.parent.index}`)
          : "-",
        v.publisher === launched.timelock ? "the DAO (timelock)" : v.publisher.slice(0, 10),
      ]),
    ),
  );
  if (versions.at(-1)?.tag !== "v1.1.0" || versions.at(-1)?.publisher !== launched.timelock) {
    throw new Error("The registry does not show the version the DAO published.");
  }
}
