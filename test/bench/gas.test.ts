import { readFile } from "node:fs/promises";

import { expect } from "chai";
import { network } from "hardhat";

import { measureAll } from "../../bench/measure.js";
import type { GasEntry } from "../../bench/registry.js";

// Gas is the protocol's performance: every figure in bench/gas.json is a ceiling. A change that costs more
// fails here until `npm run bench` records the new figure (and the commit says why); a figure over its
// issue target fails regardless.
describe("gas figures (bench/gas.json)", function () {
  let measured: GasEntry[];
  let recorded: Map<string, GasEntry>;

  before(async function () {
    // Every module on a fresh chain, the subnet epochs up to 256 UIDs and the emission's 1,000 voters and 100
    // subnets, and a hundred promotions, included: about two minutes of processor time.
    this.timeout(600_000);
    measured = await measureAll(network);
    const file = JSON.parse(await readFile(new URL("../../bench/gas.json", import.meta.url), "utf8")) as GasEntry[];
    recorded = new Map(file.map((entry) => [entry.name, entry]));
  });

  it("records every measured operation", function () {
    const missing = measured.map((e) => e.name).filter((name) => !recorded.has(name));
    expect(missing, "run `npm run bench` to record them").to.deep.equal([]);
  });

  it("meets every target, or records the fixed costs that alone exceed it", function () {
    const over = measured
      .filter((e) => e.target !== undefined && e.gas > e.target && !e.shortfall)
      .map((e) => `${e.name}: ${e.gas} > ${e.target}`);
    expect(over).to.deep.equal([]);
  });

  it("costs no more than the recorded figures", function () {
    // Signatures and ids derived from block timestamps change how many calldata bytes are zero (4 gas) or not
    // (16): a few such bytes move a figure by tens of gas from run to run without any code change.
    const CALLDATA_NOISE = 100;
    const worse = measured
      .filter((e) => recorded.has(e.name) && e.gas > recorded.get(e.name)!.gas + CALLDATA_NOISE)
      .map((e) => `${e.name}: ${e.gas} > ${recorded.get(e.name)!.gas}`);
    expect(worse).to.deep.equal([]);
  });

  it("keeps every transaction of a subnet's epoch within 10M gas, at every subnet size", function () {
    const steps = measured.filter((e) => /^subnets\.epoch\.V\d+xN\d+\.(newWeights\.)?maxStep$/.test(e.name));
    expect(steps.map((e) => e.name)).to.include("subnets.epoch.V64xN256.maxStep");
    expect(steps.filter((e) => e.gas > 10_000_000).map((e) => `${e.name}: ${e.gas}`)).to.deep.equal([]);
  });

  it("does not grow with the number of versions, models, depositors, holders or deposits", function () {
    const gas = (name: string) => measured.find((e) => e.name === name)!.gas;
    // A few hundred gas of drift comes from longer tags and ids in calldata, not from storage walks.
    expect(gas("registry.publish.atVersion500") - gas("registry.publish.atVersion10")).to.be.lessThan(1_000);
    expect(gas("registry.register.atModel500") - gas("registry.register.atModel100")).to.be.lessThan(1_000);
    expect(Math.abs(gas("offering.deposit.first.atDepositor250") - gas("offering.deposit.first"))).to.be.lessThan(
      1_000,
    );
    expect(Math.abs(gas("offering.settle.atDepositor250") - gas("offering.settle"))).to.be.lessThan(5_000);
    // Revenue: the same transfer, deposit and claim (same calldata) cost the same with 10 to 1,000 holders and
    // after 1 to 1,000 deposits: nothing is walked per holder or per deposit.
    for (const operation of ["revenue.transferOverhead.oneAsset", "revenue.deposit.eth", "revenue.claim.eth"]) {
      for (const state of [
        "atHolders10",
        "atHolders100",
        "atHolders1000",
        "atDeposits1",
        "atDeposits100",
        "atDeposits1000",
      ]) {
        expect(Math.abs(gas(`${operation}.${state}`) - gas(operation)), `${operation}.${state}`).to.be.lessThan(100);
      }
    }
  });

  it("does not grow with past promotions or the promoted subnet's UIDs", function () {
    const gas = (name: string) => {
      const entry = measured.find((e) => e.name === name);
      expect(entry, `${name} is measured`).to.not.equal(undefined);
      return entry!.gas;
    };
    // A promotion reads the subnet's leader record (one word the epoch keeps) and the registry's latest version
    // from the end: nothing is walked per promotion or per UID. What drifts is the epoch's digits in the tag.
    for (const state of ["atPromotions1", "atPromotions10", "atPromotions100"]) {
      const name = `promotion.promote.${state}`;
      expect(Math.abs(gas(name) - gas("promotion.promote")), name).to.be.lessThan(1_000);
    }
    for (const state of ["atUids16", "atUids64", "atUids256"]) {
      const name = `promotion.promote.${state}`;
      expect(Math.abs(gas(name) - gas("promotion.promote")), name).to.be.lessThan(100);
    }
  });

  it("does not grow with the voters voting or the subnets voted for in the emission", function () {
    const gas = (name: string) => {
      const entry = measured.find((e) => e.name === name);
      expect(entry, `${name} is measured`).to.not.equal(undefined);
      return entry!.gas;
    };
    // The same vote, refresh and distribution (same calldata) cost the same with 10 to 1,000 voters voting and 1 to
    // 100 subnets voted for: nothing is walked per voter or per subnet. Operations on three or ten subnets, or
    // moving a vote to a second one, are measured from 10 subnets on.
    const voters = ["atVoters10", "atVoters100", "atVoters1000"];
    const subnets = ["atSubnets10", "atSubnets100"];
    const everywhere = ["vote", "refresh", "distribute.single", "pull", "open"];
    const fromTenSubnets = ["vote.threeSubnets", "vote.change", "refresh.threeSubnets", "distribute"];
    for (const operation of [...everywhere, ...fromTenSubnets]) {
      const states = [...voters, ...subnets, ...(everywhere.includes(operation) ? ["atSubnets1"] : [])];
      for (const state of states) {
        const name = `emission.${operation}.${state}`;
        expect(Math.abs(gas(name) - gas(`emission.${operation}`)), name).to.be.lessThan(100);
      }
    }
  });
});
