import { expect } from "chai";
import { network } from "hardhat";

import type { MockSubnetToken, PoolSeedingHarness } from "../../types/typechain/index.js";
import { ONE } from "../fixtures/constants.js";
import { by, deployUniswap } from "../fixtures/uniswap.js";

const connection = await network.connect();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

// The sale's price: 0.0002 quote per token (2 / 10,000), and what the launch holds to seed with.
const NUM = 2n;
const DEN = 10_000n;
const TOKENS = 100_000n * ONE;
const QUOTE = 20n * ONE;

async function seeding() {
  const [, treasury, attacker] = await ethers.getSigners();
  const uniswap = await deployUniswap(connection);
  const token = (await ethers.deployContract("MockSubnetToken", ["MDL", 18])) as unknown as MockSubnetToken;
  const quote = (await ethers.deployContract("MockSubnetToken", ["USD", 18])) as unknown as MockSubnetToken;
  const seeder = (await ethers.deployContract("PoolSeedingHarness")) as unknown as PoolSeedingHarness;
  await token.mint(seeder.target, TOKENS);
  await quote.mint(seeder.target, QUOTE);
  await quote.mint(attacker.address, 1_000n * ONE);
  await token.mint(attacker.address, 1_000n * ONE);
  const seed = () =>
    seeder.seed(
      uniswap.factory.target as string,
      token.target,
      quote.target,
      TOKENS,
      QUOTE,
      NUM,
      DEN,
      treasury.address,
    );
  const pairOf = async () => uniswap.pairAt(await uniswap.factory.getPair(token.target, quote.target));
  /** The pool's reserves as (tokens, quote). */
  const reserves = async () => {
    const pair = await pairOf();
    const [r0, r1] = (await pair.getReserves()) as [bigint, bigint];
    return (await pair.token0()) === token.target ? [r0, r1] : [r1, r0];
  };
  return { ...uniswap, token, quote, seeder, seed, pairOf, reserves, treasury, attacker };
}

describe("PoolSeeding against Uniswap V2", function () {
  it("opens a new pool at exactly the sale price with everything the launch holds", async function () {
    const f = await loadFixture(seeding);
    await f.seed();
    const [tokens, quote] = await f.reserves();
    expect([tokens, quote]).to.deep.equal([TOKENS, QUOTE]);
    expect(quote * DEN).to.equal(tokens * NUM);
    const pair = await f.pairOf();
    // Every share but the pool's permanent minimum goes to the treasury.
    expect(await pair.balanceOf(f.treasury.address)).to.equal((await pair.totalSupply()) - 1000n);
  });

  it("a pair created beforehand with a donation synced into it: the pool still opens at the price, the donor loses it", async function () {
    const f = await loadFixture(seeding);
    await by(f.factory, f.attacker).createPair(f.token.target, f.quote.target);
    const pair = await f.pairOf();
    const donation = 5n * ONE;
    await f.quote.connect(f.attacker).transfer(pair.target, donation);
    await by(pair, f.attacker).sync();
    // Through the router this pool can no longer be seeded: one reserve is zero.
    await f.seed();
    const [tokens, quote] = await f.reserves();
    expect(quote * DEN).to.equal(tokens * NUM);
    expect([tokens, quote]).to.deep.equal([TOKENS, QUOTE]);
    // The launch sent only what the donation did not cover; the rest is still the seeder's.
    expect(await f.quote.balanceOf(f.seeder.target)).to.equal(donation);
    expect(await f.quote.balanceOf(f.attacker.address)).to.equal(1_000n * ONE - donation);
  });

  it("a donation left unsynced is skimmed back to the seeder before the seed", async function () {
    const f = await loadFixture(seeding);
    await by(f.factory, f.attacker).createPair(f.token.target, f.quote.target);
    const pair = await f.pairOf();
    await f.quote.connect(f.attacker).transfer(pair.target, 7n * ONE);
    await f.token.connect(f.attacker).transfer(pair.target, 3n * ONE);
    await f.seed();
    const [tokens, quote] = await f.reserves();
    expect(quote * DEN).to.equal(tokens * NUM);
    expect([tokens, quote]).to.deep.equal([TOKENS, QUOTE]);
    expect(await f.quote.balanceOf(f.seeder.target)).to.equal(7n * ONE);
    expect(await f.token.balanceOf(f.seeder.target)).to.equal(3n * ONE);
  });

  it("a donation larger than the launch's quote opens the pool above the price, never below, at the donor's cost", async function () {
    const f = await loadFixture(seeding);
    await by(f.factory, f.attacker).createPair(f.token.target, f.quote.target);
    const pair = await f.pairOf();
    await f.quote.connect(f.attacker).transfer(pair.target, 50n * ONE);
    await by(pair, f.attacker).sync();
    await f.seed();
    const [tokens, quote] = await f.reserves();
    // The least quote that lets the pair mint (one unit here) joins the donation.
    expect(tokens).to.equal(TOKENS);
    expect(quote).to.equal(50n * ONE + 1n);
    expect(quote * DEN).to.be.greaterThan(tokens * NUM);
    expect(await f.quote.balanceOf(f.seeder.target)).to.equal(QUOTE - 1n);
  });

  it("refuses a seed that would put nothing in the pool, by name", async function () {
    const f = await loadFixture(seeding);
    // No quote to pay for any token at the price: no token enters.
    await expect(
      f.seeder.seed(
        f.factory.target as string,
        f.token.target,
        f.quote.target,
        TOKENS,
        0n,
        NUM,
        DEN,
        f.treasury.address,
      ),
    )
      .to.be.revertedWithCustomError(f.seeder, "PoolSeedingEmpty")
      .withArgs(0n, 0n);
  });

  it("refuses a pool someone already holds shares of, by name", async function () {
    const f = await loadFixture(seeding);
    await by(f.factory, f.attacker).createPair(f.token.target, f.quote.target);
    const pair = await f.pairOf();
    await f.token.connect(f.attacker).transfer(pair.target, 100n * ONE);
    await f.quote.connect(f.attacker).transfer(pair.target, 1n * ONE);
    await by(pair, f.attacker).mint(f.attacker.address);
    await expect(f.seed())
      .to.be.revertedWithCustomError(f.seeder, "PoolSeedingAlreadyOpen")
      .withArgs(pair.target, await pair.totalSupply());
  });
});
