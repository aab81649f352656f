import { expect } from "chai";
import { network } from "hardhat";

import { cidN, ONE } from "../fixtures/constants.js";
import { NETUID, subnetHelpers } from "./fixture.js";

const connection = await network.connect();

describe("Subnets: the epoch's leader", function () {
  it("is the highest incentive, counted epoch after epoch while its candidate stays, restarted by a new one", async function () {
    const { subnetWith, epoch, signers } = await subnetHelpers(connection);
    const { subnets } = await subnetWith({ commitReveal: false }, 4);
    const [validator, minerA, minerB, minerC] = signers.slice(2, 6);
    await subnets.connect(validator).stake(NETUID, validator.address, 1000n * ONE);
    await epoch(subnets);
    await epoch(subnets);
    for (const [i, m] of [minerA, minerB, minerC].entries())
      await subnets.connect(m).publishCandidate(NETUID, cidN(10 + i), "0x");
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
    expect([leader.uid, leader.streak]).to.deep.equal([2n, 1n]);
    await subnets.connect(validator).setWeights(NETUID, [1, 2, 3], [1, 2, 3], 0n);
    await epoch(subnets);
    leader = await subnets.leaderOf(NETUID);
    expect([leader.uid, leader.streak]).to.deep.equal([3n, 1n]);
  });
});
