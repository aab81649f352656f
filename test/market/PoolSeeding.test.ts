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

  it("refuses a quote token that keeps part of each transfer, rather than open the pool below the price", async function () {
    const f = await loadFixture(seeding);
    const fot = await ethers.deployContract("FeeOnTransferToken", [100n]);
    await fot.mint(f.seeder.target, QUOTE);
    // 1% of the 20 quote sent is burnt on the way: the pair would hold 19.8 against 100,000 tokens.
    await expect(
      f.seeder.seed(
        f.factory.target as string,
        f.token.target,
        fot.target,
        TOKENS,
        QUOTE,
        NUM,
        DEN,
        f.treasury.address,
      ),
    )
      .to.be.revertedWithCustomError(f.seeder, "PoolSeedingBelowPrice")
      .withArgs(TOKENS, (QUOTE * 99n) / 100n);
  });

  describe("when someone already opened the pool", function () {
    /** The attacker opens the pool with `tokens` and `quote`; returns its shares. */
    async function openedAt(f: Seeding, tokens: bigint, quote: bigint) {
      await by(f.factory, f.attacker).createPair(f.token.target, f.quote.target);
      const pair = await f.pairOf();
      await f.token.connect(f.attacker).transfer(pair.target, tokens);
      await f.quote.connect(f.attacker).transfer(pair.target, quote);
      await by(pair, f.attacker).mint(f.attacker.address);
      return pair;
    }

    it("a pool priced 10x too cheap: the launch buys tokens until the price is reached, then adds", async function () {
      const f = await loadFixture(seeding);
      await openedAt(f, 1_000n * ONE, ONE / 50n);
      const tokensBefore = await f.token.balanceOf(f.seeder.target);
      const tx = await f.seed();
      await expectAtPriceWithinFee(f);
      const swap = await swapOf(f, tx);
      // It paid quote for tokens.
      expect(swap.quoteIn).to.be.gt(0n);
      expect(swap.tokensOut).to.be.gt(0n);
      expect(swap.tokensIn).to.equal(0n);
      // Everything the launch holds of one side entered: here all of its tokens (its own and those it bought).
      expect(await f.token.balanceOf(f.seeder.target)).to.be.lt(tokensBefore);
      await expectConserved(f, tx);
    });

    it("a pool priced 10x too dear: the launch sells tokens until the price is reached, then adds", async function () {
      const f = await loadFixture(seeding);
      await openedAt(f, 1_000n * ONE, 2n * ONE);
      const tx = await f.seed();
      await expectAtPriceWithinFee(f);
      const swap = await swapOf(f, tx);
      expect(swap.tokensIn).to.be.gt(0n);
      expect(swap.quoteOut).to.be.gt(0n);
      expect(swap.quoteIn).to.equal(0n);
      await expectConserved(f, tx);
    });

    it("a pool at the price already: no trade, the launch adds at its ratio", async function () {
      const f = await loadFixture(seeding);
      await openedAt(f, 1_000n * ONE, (1_000n * ONE * NUM) / DEN);
      const tx = await f.seed();
      expect((await swapOf(f, tx)).found).to.equal(false);
      const [tokens, quote] = await f.reserves();
      expect(quote * DEN).to.equal(tokens * NUM);
      expect([tokens, quote]).to.deep.equal([TOKENS + 1_000n * ONE, QUOTE + (1_000n * ONE * NUM) / DEN]);
    });

    it("funds too small to reach the price: the seed moves nothing and refuses by name", async function () {
      const f = await loadFixture(seeding);
      const pair = await openedAt(f, 1_000n * ONE, ONE / 50n);
      const before = await f.reserves();
      // 0.01 quote buys tokens but cannot lift the price to the target (0.0435 would): nothing is left to add.
      await expect(
        f.seeder.seed(
          f.factory.target as string,
          f.token.target,
          f.quote.target,
          TOKENS,
          ONE / 100n,
          NUM,
          DEN,
          f.treasury.address,
        ),
      )
        .to.be.revertedWithCustomError(f.seeder, "PoolSeedingEmpty")
        .withArgs(0n, 0n);
      expect(await f.reserves()).to.deep.equal(before);
      expect(await pair.balanceOf(f.treasury.address)).to.equal(0n);
    });

    it("funds that reach the price exactly leave a pool at the price within the fee", async function () {
      const f = await loadFixture(seeding);
      await openedAt(f, 1_000n * ONE, ONE / 50n);
      // 0.05 quote covers the 0.0435 the trade needs and leaves some to add.
      const tx = await f.seeder.seed(
        f.factory.target as string,
        f.token.target,
        f.quote.target,
        TOKENS,
        ONE / 20n,
        NUM,
        DEN,
        f.treasury.address,
      );
      await expectAtPriceWithinFee(f);
      await expectConserved(f, tx, ONE / 20n);
    });
  });

  describe("fuzzed over prices, donations and pools opened before (seeded)", function () {
    it("opens at or above the price within the fee, and the launch never loses more than the fee on its trade", async function () {
      let state = 0x2f6b_9d31n;
      /** A deterministic number in [lo, hi] (xorshift64). */
      const rand = (lo: bigint, hi: bigint) => {
        state ^= (state << 13n) & 0xffff_ffff_ffff_ffffn;
        state ^= state >> 7n;
        state ^= (state << 17n) & 0xffff_ffff_ffff_ffffn;
        return lo + (state % (hi - lo + 1n));
      };
      const runs = 64;
      let opened = 0;
      for (let run = 0; run < runs; run++) {
        const f = await loadFixture(seeding);
        const kind = Number(rand(0n, 3n));
        // The launch's quote budget: 0.1 to 20 quote.
        const budget = rand(ONE / 10n, QUOTE);
        let donorSetPrice = false;
        if (kind > 0) {
          await by(f.factory, f.attacker).createPair(f.token.target, f.quote.target);
          const pair = await f.pairOf();
          if (kind === 1 || kind === 2) {
            // A quote donation, synced (kind 1) or not (kind 2), and for kind 2 some tokens too.
            const donation = rand(1n, 30n * ONE);
            await f.quote.connect(f.attacker).transfer(pair.target, donation);
            if (kind === 1) {
              await by(pair, f.attacker).sync();
              donorSetPrice = donation > budget;
            } else await f.token.connect(f.attacker).transfer(pair.target, rand(1n, 100n * ONE));
          } else {
            // A pool opened at 1/20 to 20 times the price, 10 to 1,000 tokens deep.
            const depth = rand(10n * ONE, 1_000n * ONE);
            const skew = rand(1n, 400n); // in twentieths: 0.05x to 20x
            await f.token.connect(f.attacker).transfer(pair.target, depth);
            await f.quote.connect(f.attacker).transfer(pair.target, (depth * NUM * skew) / (DEN * 20n));
            await by(pair, f.attacker).mint(f.attacker.address);
          }
        }
        const args = [
          f.factory.target as string,
          f.token.target,
          f.quote.target,
          TOKENS,
          budget,
          NUM,
          DEN,
          f.treasury.address,
        ] as const;
        try {
          await f.seeder.seed.staticCall(...args);
        } catch {
          // The only refusal: a pool opened before that the budget cannot bring to the price.
          expect(kind, `run ${run}`).to.equal(3);
          await expect(f.seeder.seed(...args)).to.be.revertedWithCustomError(f.seeder, "PoolSeedingEmpty");
          continue;
        }
        const tx = await f.seeder.seed(...args);
        opened++;
        const [tokens, quote] = await f.reserves();
        expect(quote * DEN, `run ${run}: never below the price`).to.be.gte(tokens * NUM);
        if (!donorSetPrice) {
          // Within the fee of a trade, or a unit of rounding for a new pool.
          expect(quote * DEN * 997n, `run ${run}: within the fee`).to.be.lte(tokens * NUM * 1_000n + DEN * 1_000n);
        }
        await expectConserved(f, tx, budget);
      }
      // The fuzz must exercise the seed, not only its refusals.
      expect(opened).to.be.gte(runs / 2);
    });
  });
});

type Seeding = Awaited<ReturnType<typeof seeding>>;

/** The pool's price is at or above the target, and above it by no more than the 0.3% fee (and a unit). */
async function expectAtPriceWithinFee(f: Seeding) {
  const [tokens, quote] = await f.reserves();
  expect(quote * DEN, "never below the price").to.be.gte(tokens * NUM);
  expect(quote * DEN * 997n, "within the fee").to.be.lte(tokens * NUM * 1_000n + DEN * 1_000n);
}

/** The seed's trade with the pair, from its Swap event, as the launch saw it. */
async function swapOf(f: Seeding, tx: { hash: string }) {
  const pair = await f.pairOf();
  const receipt = (await f.token.runner!.provider!.getTransactionReceipt(tx.hash))!;
  const tokenIs0 = (await pair.token0()) === f.token.target;
  for (const log of receipt.logs) {
    if (log.address !== pair.target) continue;
    const parsed = pair.interface.parseLog(log);
    if (parsed?.name !== "Swap") continue;
    const [in0, in1, out0, out1] = [parsed.args[1], parsed.args[2], parsed.args[3], parsed.args[4]] as bigint[];
    return tokenIs0
      ? { found: true, tokensIn: in0!, quoteIn: in1!, tokensOut: out0!, quoteOut: out1! }
      : { found: true, tokensIn: in1!, quoteIn: in0!, tokensOut: out1!, quoteOut: out0! };
  }
  return { found: false, tokensIn: 0n, quoteIn: 0n, tokensOut: 0n, quoteOut: 0n };
}

/**
 * Conservation: what the launch held (TOKENS and `budget` of quote) is worth, at the target price, no more than what
 * it holds after the seed (its balances, counting only the budget of quote, and its pool shares' part of the reserves)
 * plus the fee on its own trade, a unit of rounding per side, and the part of the reserves behind the 1,000 shares a
 * new pair locks for ever at its first mint.
 */
async function expectConserved(f: Seeding, tx: { hash: string }, budget: bigint = QUOTE) {
  const value = (tokens: bigint, quote: bigint) => (tokens * NUM) / DEN + quote;
  const pair = await f.pairOf();
  const [tokens, quote] = await f.reserves();
  const liquidity = (await pair.balanceOf(f.treasury.address)) as bigint;
  const supply = (await pair.totalSupply()) as bigint;
  const shares = value((tokens * liquidity) / supply, (quote * liquidity) / supply);
  // The seeder also holds the quote beyond the budget (QUOTE - budget), untouched by the seed.
  const held = value(
    await f.token.balanceOf(f.seeder.target),
    (await f.quote.balanceOf(f.seeder.target)) - (QUOTE - budget),
  );
  const swap = await swapOf(f, tx);
  const fee = value((swap.tokensIn * 3n) / 1_000n + 1n, (swap.quoteIn * 3n) / 1_000n + 1n);
  const minimum = value((tokens * 1_000n) / supply + 1n, (quote * 1_000n) / supply + 1n);
  expect(shares + held + fee + minimum + 2n, "the launch's value at the price").to.be.gte(value(TOKENS, budget));
}
