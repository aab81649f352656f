// Gas of a model DAO's operations, whole-transaction, on the in-process chain: a holder's first delegation, a
// one-action proposal (a treasury ETH transfer), votes cast directly and by an EIP-712 signature relayed by
// someone else, and the proposal's queueing on the timelock and execution.
import type { NetworkConnection } from "hardhat/types/network";

import { ModelGovernor__factory, ModelToken__factory } from "../sdk/src/contracts.js";
import { signVote } from "../sdk/src/index.js";
import { ONE, Vote } from "../test/fixtures/constants.js";
import { benchLaunchParams, benchProtocol } from "./launch.js";
import { gasOf, type GasEntry } from "./registry.js";

const FOR = Vote.For;

export async function measureGovernance(connection: NetworkConnection): Promise<GasEntry[]> {
  const { ethers, networkHelpers } = connection;
  const { time } = networkHelpers;
  const signers = await ethers.getSigners();
  const [team, alice, bob, carol, relayer, recipient] = signers;
  const { deployment, registry, factory } = await benchProtocol(connection);
  const entries: GasEntry[] = [];

  await (await registry.register("bench-dao", `0x01551220${"22".repeat(32)}`, "MIT")).wait();
  const params = await benchLaunchParams({
    model: 1n,
    start: (await time.latest()) + 100,
    team: signers.slice(17, 20),
    treasuryAmount: 200_000n * ONE,
    liquidityAmount: 200_000n * ONE,
    liquidityRecipient: team.address,
  });
  await (await factory.launch(params)).wait();
  const launch = await factory.launchOf(1n);
  const token = ModelToken__factory.connect(launch.token, team);
  const governor = ModelGovernor__factory.connect(launch.governor, team);
  await (await team.sendTransaction({ to: launch.timelock, value: 10n * ONE })).wait();

  // Three voters with 50k tokens each (5% of the supply, above the 4% quorum and the 1k threshold).
  for (const voter of [alice, bob, carol]) await gasOf(token.transfer(voter.address, 50_000n * ONE));
  entries.push({ name: "governance.delegate", gas: await gasOf(token.connect(alice).delegate(alice.address)) });
  for (const voter of [bob, carol]) await gasOf(token.connect(voter).delegate(voter.address));
  // Proposals open when the sale is over.
  await time.increaseTo(params.sale.end);

  /** A one-action proposal: pay `recipient` 1 ETH from the treasury. */
  const payment = (n: number) => ({
    targets: [recipient.address],
    values: [ONE],
    calldatas: ["0x"],
    description: `Pay the recipient 1 ETH (${n})`,
  });
  const propose = (n: number) => {
    const p = payment(n);
    return gasOf(governor.connect(alice).propose(p.targets, p.values, p.calldatas, p.description));
  };
  // The first proposal also pays for the DAO's first write of its proposal count; measure the second, as most are.
  entries.push({ name: "governance.propose.first", gas: await propose(1) });
  entries.push({ name: "governance.propose", gas: await propose(2) });
  const p = payment(2);
  const descriptionHash = ethers.id(p.description);
  const id = await governor.getProposalId(p.targets, p.values, p.calldatas, descriptionHash);
  await time.increaseTo((await governor.proposalSnapshot(id)) + 1n);

  // The first vote for a proposal also writes its tally's first nonzero value; later votes, direct or signed,
  // add to it.
  entries.push({ name: "governance.vote.first", gas: await gasOf(governor.connect(alice).castVote(id, FOR)) });
  entries.push({ name: "governance.vote", gas: await gasOf(governor.connect(bob).castVote(id, FOR)) });
  // Carol signs her vote through the SDK, as a voter who pays no gas would; a relayer submits it.
  const context = { runner: carol, registry, factory, deployment };
  const { signature } = await signVote(context, { model: "bench-dao", proposal: id, support: "for" });
  entries.push({
    name: "governance.voteBySig",
    gas: await gasOf(governor.connect(relayer).castVoteBySig(id, FOR, carol.address, signature)),
  });

  await time.increaseTo((await governor.proposalDeadline(id)) + 1n);
  entries.push({
    name: "governance.queue",
    gas: await gasOf(governor.connect(relayer).queue(p.targets, p.values, p.calldatas, descriptionHash)),
  });
  await time.increaseTo(await governor.proposalEta(id));
  entries.push({
    name: "governance.execute",
    gas: await gasOf(governor.connect(relayer).execute(p.targets, p.values, p.calldatas, descriptionHash)),
  });
  return entries;
}
