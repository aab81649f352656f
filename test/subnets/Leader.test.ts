import { expect } from "chai";
import { network } from "hardhat";

import { cidN, ONE } from "../fixtures/constants.js";
import { NETUID, subnetHelpers } from "./fixture.js";

const connection = await network.connect();

/** The leader as a tuple: whether there is one, its UID, its streak. */
const leaderOf = async (subnets: Awaited<ReturnType<typeof setup>>["subnets"]) => {
  const l = await subnets.leaderOf(NETUID);
  return [l.exists, l.uid, l.streak];
};

/** A subnet with a staked validator (UID 0, a permit) and three miners (UIDs 1 to 3) that have published nothing. */
async function setup() {
  const helpers = await subnetHelpers(connection);
  const { subnets } = await helpers.subnetWith({ commitReveal: false }, 4);
  const [validator, minerA, minerB, minerC] = helpers.signers.slice(2, 6);
  await subnets.connect(validator).stake(NETUID, validator.address, 1000n * ONE);
  return { ...helpers, subnets, validator, miners: [minerA, minerB, minerC] };
}

describe("Subnets: the epoch's leader", function () {
  it("is the highest incentive, counted epoch after epoch while its candidate stays, restarted by a new one", async function () {
    const { subnets, epoch, validator, miners } = await setup();
    const [, minerB] = miners;
    for (const [i, m] of miners.entries()) await subnets.connect(m).publishCandidate(NETUID, cidN(10 + i), "0x");
    await epoch(subnets);
    await epoch(subnets);
    await subnets.connect(validator).setWeights(NETUID, [1, 2, 3], [1, 3, 2], 0n);
    await epoch(subnets);
    let leader = await subnets.leaderOf(NETUID);
    expect([leader.exists, leader.uid, leader.streak]).to.deep.equal([true, 2n, 1n]);
    await epoch(subnets);
    leader = await subnets.leaderOf(NETUID);
    expect(leader.streak).to.equal(2n);
    await subnets.connect(minerB).publishCandidate(NETUID, cidN(20), "0x");
    await epoch(subnets);
    leader = await subnets.leaderOf(NETUID);
    expect([leader.uid, leader.streak]).to.deep.equal([2n, 0n]);
    await epoch(subnets);
    leader = await subnets.leaderOf(NETUID);
    expect([leader.uid, leader.streak]).to.deep.equal([2n, 1n]);
    await subnets.connect(validator).setWeights(NETUID, [1, 2, 3], [1, 2, 3], 0n);
    await epoch(subnets);
    leader = await subnets.leaderOf(NETUID);
    expect([leader.uid, leader.streak]).to.deep.equal([3n, 1n]);
  });

  it("counts a candidate only from the first epoch whose whole tempo came after it was published", async function () {
    // A candidate published during a tempo was not there for all of it: validators may have scored the weights it
    // replaced. The epoch that ends that tempo does not count it; the next one does.
    const { subnets, epoch, validator, miners } = await setup();
    await epoch(subnets);
    await epoch(subnets);
    await subnets.connect(validator).setWeights(NETUID, [1], [1], 0n);
    await epoch(subnets);
    // UID 1 leads without a candidate: no streak.
    expect(await leaderOf(subnets)).to.deep.equal([true, 1n, 0n]);
    await epoch(subnets);
    expect(await leaderOf(subnets)).to.deep.equal([true, 1n, 0n]);
    // Published in the last block before the epoch starts: that epoch's tempo began before it.
    const due = (await subnets.subnet(NETUID)).nextEpochBlock;
    await connection.networkHelpers.mine(due - BigInt(await connection.ethers.provider.getBlockNumber()) - 2n);
    await subnets.connect(miners[0]).publishCandidate(NETUID, cidN(30), "0x");
    const publishedAt = (await subnets.candidateOf(NETUID, 1n)).publishedAt;
    await epoch(subnets);
    expect((await subnets.subnet(NETUID)).lastEpochBlock).to.equal(publishedAt + 1n);
    expect(await leaderOf(subnets)).to.deep.equal([true, 1n, 0n]);
    expect((await subnets.leaderOf(NETUID)).candidatePublishedAt).to.equal(publishedAt);
    await epoch(subnets);
    expect(await leaderOf(subnets)).to.deep.equal([true, 1n, 1n]);
  });

  it("goes to the lower UID on a tie, and is none while every incentive is zero", async function () {
    const { subnets, epoch, validator } = await setup();
    await epoch(subnets);
    await epoch(subnets);
    await epoch(subnets);
    expect(await leaderOf(subnets)).to.deep.equal([false, 0n, 0n]);
    await subnets.connect(validator).setWeights(NETUID, [2, 3], [5, 5], 0n);
    await epoch(subnets);
    expect(await leaderOf(subnets)).to.deep.equal([true, 2n, 0n]);
    await subnets.connect(validator).setWeights(NETUID, [1, 3], [4, 5], 0n);
    await epoch(subnets);
    expect(await leaderOf(subnets)).to.deep.equal([true, 3n, 0n]);
  });
});
