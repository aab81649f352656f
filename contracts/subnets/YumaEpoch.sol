// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {EpochScratch} from "./EpochScratch.sol";
import {SubnetRewards} from "./SubnetRewards.sol";
import {SubnetState, MetagraphWord} from "./SubnetStorage.sol";
import {EpochMath, MedianInputs} from "./epoch/EpochMath.sol";

/// @title YumaEpoch
/// @notice Yuma consensus over a subnet's state, in steps that each fit in a block. Linked into the subnet
/// contract and called by delegatecall, so that it reads and writes the subnet's own storage.
///
/// The result is bit-identical to subtensor's sparse `epoch_mechanism` with classic bonds, as modelled by the
/// reference `runEpoch` of the SDK (I32F32 arithmetic: products floor, quotients truncate). Only the rows of the
/// validator permits (and the owner's UID) carry weights and bonds, so the epoch reads those rows, by word-columns
/// of 16 UIDs, in three passes:
///
///   1. row sums        the sum of each row's unmasked weights (row normalisation needs it first);
///   2. consensus       per column: the stake-weighted median (consensus), clipping, ranks, trust, and per row the
///                      validator trust;
///   3. bonds           per column: the bonds moving average, its column normalisation, the dividends (which need
///                      the incentive, hence the sum of all ranks from pass 2), the column max-upscale and the new
///                      bonds written back;
///   4. emission        per UID: the metagraph word and the credit of its incentive and dividends.
///
/// Every step does a fixed amount of work (a budget of abstract units, each chunk of a pass costing its number of
/// rows times the pass's unit cost), so the gas of a step depends on the subnet's shape, never on `gasleft()`.
library YumaEpoch {
    uint8 private constant PHASE_ROW_SUMS = 1;
    uint8 private constant PHASE_CONSENSUS = 2;
    uint8 private constant PHASE_BONDS = 3;
    uint8 private constant PHASE_EMISSION = 4;

    uint256 private constant ONE = 1 << 32;
    uint256 private constant U16_MAX = 0xffff;
    uint256 private constant NO_OWNER = type(uint256).max;
    /// Emission saturates here in the metagraph word (its 160 top bits).
    uint256 private constant EMISSION_MAX = (1 << 160) - 1;

    /// Work a step may do, and what each chunk costs, in units of about 1,000 gas, measured on the worst case
    /// (dense rows, slots written for the first time: a first epoch's bonds and credits cost more than a steady
    /// epoch's). A step also pays about 450,000 gas of its own (the row vectors read and written).
    uint256 private constant STEP_BUDGET = 9_000;
    /// Per row of a word-column: the row's weights read and summed.
    uint256 private constant COST_ROW_SUM = 3;
    /// Per row of a word-column: weights read and normalised, medians, clipping. Measured on 64 validators (65
    /// rows) by 256 dense UIDs in a first epoch (consensus, rank and trust slots written fresh) with every column's
    /// hint wrong (the summing pass wasted, then the full selection): about 1.37M gas a chunk (the 5 chunks of a
    /// step cost at most 7.3M with the step's own); a steady epoch whose hints hold costs about 0.66M a chunk. 22
    /// would fit 6 chunks in a step (8.62M), but then the step that ends the row sums takes 3 chunks and, on random
    /// dense weights of 64 validators, reaches 10.4M: 25 leaves it 2.
    uint256 private constant COST_CONSENSUS = 25;
    /// Per row of a word-column: weights and bonds read, moving average, dividends, a bond word rewritten.
    uint256 private constant COST_BONDS = 26;
    /// Per row of a word-column whose bond word is written for the first time (an empty slot filled): reserved
    /// for every row before the chunk, given back for the rows that filled none.
    uint256 private constant COST_FRESH_BOND = 19;
    /// Per UID: the metagraph word and the credit (a first credit to a stake pool writes several empty slots).
    uint256 private constant COST_EMISSION = 92;
    /// Fixed cost of a word-column chunk (column vectors read and written).
    uint256 private constant COST_CHUNK = 60;

    /// @notice Emitted when an epoch starts.
    /// @param currentBlock Block of the start, the epoch's "current block".
    /// @param emission Reward token units the epoch distributes.
    /// @param rows UIDs whose weights and bonds the epoch reads (bitmap).
    event YumaEpochStarted(uint256 currentBlock, uint256 emission, uint256 rows);

    /// @notice Emitted when a step leaves the epoch unfinished.
    /// @param phase Pass under way.
    /// @param cursor Next word-column (passes 1 to 3) or UID (pass 4) of that pass.
    event YumaEpochStepped(uint8 phase, uint16 cursor);

    /// @notice Emitted when an epoch completes.
    /// @param paid Reward token units credited to UIDs.
    /// @param permits Validator permits for the next epoch (bitmap).
    event YumaEpochCompleted(uint256 paid, uint256 permits);

    /// @notice Thrown when an epoch is started while one runs.
    /// @param phase Pass of the running epoch.
    error YumaEpochRunning(uint8 phase);

    /// @notice Thrown when a step is requested while no epoch runs.
    error YumaEpochNotRunning();

    /// @notice Thrown when an epoch is started on a subnet configured for Yuma3 bonds, which this library does not
    /// compute.
    error YumaEpochYuma3Unsupported();

    /// Per-step view of the scratch, in memory.
    struct Context {
        uint256 n;
        uint256 words;
        uint256 rowCount;
        uint256 owner;
        uint256 budget;
        bool progressed;
        uint256 rankSum;
        uint256 incentiveSum;
        uint256 paid;
        uint256[] rowUid;
        uint256[] threshold;
        uint256[] rowSum;
        uint256[] active;
        uint256[] rowTrust;
        uint256[] dividends;
        /// 16 columns of `rowCount` values (column-major), for a chunk.
        uint256[] cells;
        uint256[] cells2;
    }

    /// @notice Begins an epoch at the current block that distributes `s.epochEmission` reward token units.
    /// @dev Reads the stake of every UID once (the only reads of stake), issues the next validator permits and
    /// normalises the active stake; the steps then work on rows and columns.
    function start(SubnetState storage s) external {
        EpochScratch storage e = s.epoch;
        if (e.phase != 0) revert YumaEpochRunning(e.phase);
        if (s.params.yuma3) revert YumaEpochYuma3Unsupported();

        uint256 n = s.n;
        uint256 owner = _ownerUid(s, n);
        uint256 ownerBit = owner == NO_OWNER ? 0 : uint256(1) << owner;

        uint256[] memory stake = _stakes(s, e, n);
        uint256 rows = (s.validatorPermits & (n == 256 ? type(uint256).max : (uint256(1) << n) - 1)) | ownerBit;
        e.newPermits = EpochMath.topKNonzero(stake, s.params.maxValidators) | ownerBit;
        e.rowCount = uint16(_rows(s, e, stake, rows, n));
        if (e.stakeFallback) EpochMath.storeLanes(e.stake, stake);

        e.phase = PHASE_ROW_SUMS;
        e.cursor = 0;
        e.ownerPlusOne = owner == NO_OWNER ? 0 : uint16(owner + 1);
        e.currentBlock = uint64(block.number);
        e.lastTempo = uint64(_lastTempo(s));
        e.rows = rows;
        e.rankSum = 0;
        e.incentiveSum = 0;
        e.paid = 0;
        emit YumaEpochStarted(block.number, s.epochEmission, rows);
    }

    /// @notice Performs the running epoch's next step.
    /// @return done Whether the epoch is complete (then `paid` is what it credited of `s.epochEmission`).
    /// @return paid Reward token units credited to UIDs, at most `s.epochEmission`.
    function step(SubnetState storage s) external returns (bool done, uint256 paid) {
        EpochScratch storage e = s.epoch;
        uint8 phase = e.phase;
        if (phase == 0) revert YumaEpochNotRunning();
        Context memory c = _context(s, e);
        uint256 cursor = e.cursor;
        bool[3] memory dirty;

        while (true) {
            if (phase == PHASE_ROW_SUMS) {
                if (cursor == 0) c.rowSum = new uint256[](c.rowCount);
                cursor = _rowSums(s, c, cursor);
                dirty[0] = true;
                if (cursor < c.words) break;
                (phase, cursor) = (PHASE_CONSENSUS, 0);
            } else if (phase == PHASE_CONSENSUS) {
                if (cursor == 0) c.rowTrust = new uint256[](c.rowCount);
                cursor = _consensus(s, c, cursor);
                dirty[1] = true;
                if (cursor < c.words) break;
                (phase, cursor) = (PHASE_BONDS, 0);
            } else if (phase == PHASE_BONDS) {
                if (cursor == 0) c.dividends = new uint256[](c.rowCount);
                cursor = _bonds(s, c, cursor);
                dirty[2] = true;
                if (cursor < c.words) break;
                (phase, cursor) = (PHASE_EMISSION, 0);
            } else {
                cursor = _emission(s, c, cursor);
                if (cursor < c.n) break;
                done = true;
                break;
            }
        }

        if (dirty[0]) EpochMath.storeLanes(e.rowSum, c.rowSum);
        if (dirty[1]) EpochMath.storeLanes(e.rowTrust, c.rowTrust);
        if (dirty[2]) EpochMath.storeLanes(e.rowDividends, c.dividends);
        if (done) {
            paid = c.paid;
            uint256 permits = e.newPermits;
            s.validatorPermits = permits;
            e.phase = 0;
            e.cursor = 0;
            e.rankSum = 0;
            e.incentiveSum = 0;
            e.paid = 0;
            emit YumaEpochCompleted(paid, permits);
        } else {
            e.phase = phase;
            e.cursor = uint16(cursor);
            e.rankSum = c.rankSum;
            e.incentiveSum = c.incentiveSum;
            e.paid = c.paid;
            emit YumaEpochStepped(phase, uint16(cursor));
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Start
    // ----------------------------------------------------------------------------------------------------------

    /// UID of the owner's hotkey when registered, else NO_OWNER.
    function _ownerUid(SubnetState storage s, uint256 n) private view returns (uint256) {
        address ownerHotkey = s.ownerHotkey;
        if (ownerHotkey == address(0)) return NO_OWNER;
        uint256 plusOne = s.uidPlusOne[ownerHotkey];
        return plusOne != 0 && plusOne <= n ? plusOne - 1 : NO_OWNER;
    }

    /// subtensor's `last_tempo`: the block after the last epoch's, or one tempo ago before any epoch.
    function _lastTempo(SubnetState storage s) private view returns (uint256) {
        uint256 lastEpochBlock = s.lastEpochBlock;
        if (lastEpochBlock != 0) return lastEpochBlock + 1;
        uint256 tempo = s.params.tempo;
        return block.number > tempo ? block.number - tempo : 0;
    }

    /// Stake weights normalised as subtensor does (I64F64 division, narrowed to I32F32); registration blocks kept.
    function _stakes(SubnetState storage s, EpochScratch storage e, uint256 n) private returns (uint256[] memory) {
        uint256[] memory stake = new uint256[](n);
        uint256[] memory registeredAt = new uint256[](n);
        uint256 total;
        for (uint256 i; i < n; ++i) {
            address hotkey = s.neurons[i].hotkey;
            registeredAt[i] = s.neurons[i].registeredAt;
            uint256 w = SubnetRewards.stakeWeight(s, hotkey);
            stake[i] = w;
            // Overflow not possible: at most 256 terms below 2^63.
            unchecked {
                total += w;
            }
        }
        EpochMath.storeLanes(e.registeredAt, registeredAt);
        if (total != 0) {
            // Overflow not possible: w < 2^63, so w << 128 < 2^191; total < 2^71, so total << 64 < 2^135.
            unchecked {
                uint256 total64 = total << 64;
                for (uint256 i; i < n; ++i) stake[i] = ((stake[i] << 128) / total64) >> 32;
            }
        }
        return stake;
    }

    /// Row vectors: masking threshold and normalised active stake of each row; returns the number of rows.
    function _rows(SubnetState storage s, EpochScratch storage e, uint256[] memory stake, uint256 rows, uint256 n)
        private
        returns (uint256 rowCount)
    {
        rowCount = EpochMath.popcount(rows);
        uint256[] memory threshold = new uint256[](rowCount);
        uint256[] memory active = new uint256[](rowCount);
        uint256 cutoff = s.params.activityCutoff;
        uint256 activeSum;
        uint256 k;
        for (uint256 i; i < n; ++i) {
            if (rows & (uint256(1) << i) == 0) continue;
            uint256 lastUpdate = s.lastUpdate[i];
            threshold[k] = _threshold(s, i, lastUpdate);
            if (lastUpdate + cutoff >= block.number) {
                active[k] = stake[i];
                activeSum += stake[i];
            }
            ++k;
        }
        if (activeSum != 0) {
            // Overflow not possible: each value is at most 2^32 (a normalised stake).
            unchecked {
                for (k = 0; k < rowCount; ++k) active[k] = (active[k] << 32) / activeSum;
            }
        }
        e.stakeFallback = activeSum == 0;
        EpochMath.storeLanes(e.rowThreshold, threshold);
        EpochMath.storeLanes(e.rowActive, active);
    }

    /// Row `i` drops the weights of UIDs registered at or after this block: its last update (outdated weights) or,
    /// under commit-reveal with a live commit, the commit's block + 1 (weights committed before a UID existed).
    function _threshold(SubnetState storage s, uint256 i, uint256 lastUpdate) private view returns (uint256 th) {
        th = lastUpdate;
        if (!s.params.commitReveal || s.commits[i].hash == 0) return th;
        if (s.epochNumber > uint256(s.commits[i].epoch) + s.params.revealPeriod) return th;
        uint256 committed = uint256(s.commits[i].blockNumber) + 1;
        if (committed < th) th = committed;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Steps
    // ----------------------------------------------------------------------------------------------------------

    function _context(SubnetState storage s, EpochScratch storage e) private view returns (Context memory c) {
        uint256 n = s.n;
        uint256 rowCount = e.rowCount;
        c.n = n;
        c.words = (n + 15) >> 4;
        c.rowCount = rowCount;
        c.owner = e.ownerPlusOne == 0 ? NO_OWNER : e.ownerPlusOne - 1;
        c.budget = STEP_BUDGET;
        c.rankSum = e.rankSum;
        c.incentiveSum = e.incentiveSum;
        c.paid = e.paid;
        uint256 rows = e.rows;
        c.rowUid = new uint256[](rowCount);
        uint256 k;
        for (uint256 i; k < rowCount; ++i) {
            if (rows & (uint256(1) << i) != 0) c.rowUid[k++] = i;
        }
        c.threshold = EpochMath.loadLanes(e.rowThreshold, rowCount);
        c.active = EpochMath.loadLanes(e.rowActive, rowCount);
        uint8 phase = e.phase;
        bool fresh = e.cursor == 0;
        if (phase > PHASE_ROW_SUMS || !fresh) c.rowSum = EpochMath.loadLanes(e.rowSum, rowCount);
        if (phase > PHASE_CONSENSUS || (phase == PHASE_CONSENSUS && !fresh)) {
            c.rowTrust = EpochMath.loadLanes(e.rowTrust, rowCount);
        }
        if (phase > PHASE_BONDS || (phase == PHASE_BONDS && !fresh)) {
            c.dividends = EpochMath.loadLanes(e.rowDividends, rowCount);
        }
        c.cells = new uint256[](16 * rowCount);
        c.cells2 = new uint256[](16 * rowCount);
    }

    /// Whether the step may take a chunk of `cost` units: always its first chunk, so every step progresses.
    function _take(Context memory c, uint256 cost) private pure returns (bool) {
        if (cost <= c.budget) {
            c.budget -= cost;
        } else if (!c.progressed) {
            c.budget = 0;
        } else {
            return false;
        }
        c.progressed = true;
        return true;
    }

    /// Registration blocks of the 16 UIDs of word-column `w`, and the highest of them.
    function _registered(SubnetState storage s, uint256 w)
        private
        view
        returns (uint256[16] memory reg, uint256 highest)
    {
        uint256[64] storage v = s.epoch.registeredAt;
        for (uint256 q; q < 4; ++q) {
            uint256 word = v[4 * w + q];
            for (uint256 r; r < 4; ++r) {
                uint256 x = uint64(word >> (64 * r));
                reg[4 * q + r] = x;
                if (x > highest) highest = x;
            }
        }
    }

    /// The weights of row `k` in word-column `w` with masked lanes cleared: columns past `n`, the diagonal (except
    /// the owner's) and columns registered at or after the row's threshold (outdated weights, commit-reveal).
    function _maskedWeights(
        SubnetState storage s,
        Context memory c,
        uint256 k,
        uint256 w,
        uint256[16] memory reg,
        uint256 highest
    ) private view returns (uint256 word) {
        uint256 uid = c.rowUid[k];
        word = s.weights[uid][w];
        if (word == 0) return 0;
        uint256 base = w << 4;
        if (c.n < base + 16) word &= (uint256(1) << (16 * (c.n - base))) - 1;
        if (uid >> 4 == w && uid != c.owner) word &= ~(U16_MAX << (16 * (uid & 15)));
        uint256 th = c.threshold[k];
        if (highest >= th) {
            for (uint256 l; l < 16; ++l) {
                if (reg[l] >= th) word &= ~(U16_MAX << (16 * l));
            }
        }
    }

    function _rowSums(SubnetState storage s, Context memory c, uint256 w) private view returns (uint256) {
        uint256 rowCount = c.rowCount;
        for (; w < c.words; ++w) {
            if (!_take(c, COST_CHUNK + rowCount * COST_ROW_SUM)) break;
            (uint256[16] memory reg, uint256 highest) = _registered(s, w);
            for (uint256 k; k < rowCount; ++k) {
                uint256 word = _maskedWeights(s, c, k, w, reg, highest);
                if (word != 0) c.rowSum[k] += EpochMath.sumLanes(word);
            }
        }
        return w;
    }

    /// Row-normalised weights of word-column `w` into `c.cells` (column-major); returns the number of lanes. With a
    /// nonempty `stake` (the consensus pass), also the median's keys (weight << 64 | row stake) into `c.cells2`.
    function _normalisedChunk(SubnetState storage s, Context memory c, uint256 w, uint256[] memory stake)
        private
        view
        returns (uint256)
    {
        (uint256[16] memory reg, uint256 highest) = _registered(s, w);
        uint256 rowCount = c.rowCount;
        uint256[] memory cells = c.cells;
        uint256 keys = stake.length == 0 ? 0 : _distance(c.cells2, cells);
        for (uint256 k; k < rowCount; ++k) {
            uint256 word = _maskedWeights(s, c, k, w, reg, highest);
            uint256 sum = c.rowSum[k];
            uint256 rowStake = keys == 0 ? 0 : stake[k];
            // divFixed(v, sum) = floor(v * 2^32 / sum); sum >= v > 0 when v survives the mask, and a masked lane
            // (v = 0) gives 0 even when sum = 0 (the EVM's division by zero is 0), so no lane needs a branch. Lane l
            // of the row goes to cells[l * rowCount + k]; four lanes an iteration to cut the loop's overhead.
            assembly ("memory-safe") {
                let p := add(add(cells, 0x20), shl(5, k))
                let stride := shl(5, rowCount)
                let stride4 := shl(2, stride)
                let last := add(p, shl(4, stride))
                switch keys
                case 0 {
                    for {} lt(p, last) { p := add(p, stride4) } {
                        mstore(p, div(shl(32, and(word, 0xffff)), sum))
                        let q := add(p, stride)
                        mstore(q, div(shl(32, and(shr(16, word), 0xffff)), sum))
                        q := add(q, stride)
                        mstore(q, div(shl(32, and(shr(32, word), 0xffff)), sum))
                        mstore(add(q, stride), div(shl(32, and(shr(48, word), 0xffff)), sum))
                        word := shr(64, word)
                    }
                }
                default {
                    for {} lt(p, last) { p := add(p, stride4) } {
                        let x := div(shl(32, and(word, 0xffff)), sum)
                        mstore(p, x)
                        mstore(add(p, keys), or(shl(64, x), rowStake))
                        let q := add(p, stride)
                        x := div(shl(32, and(shr(16, word), 0xffff)), sum)
                        mstore(q, x)
                        mstore(add(q, keys), or(shl(64, x), rowStake))
                        q := add(q, stride)
                        x := div(shl(32, and(shr(32, word), 0xffff)), sum)
                        mstore(q, x)
                        mstore(add(q, keys), or(shl(64, x), rowStake))
                        q := add(q, stride)
                        x := div(shl(32, and(shr(48, word), 0xffff)), sum)
                        mstore(q, x)
                        mstore(add(q, keys), or(shl(64, x), rowStake))
                        word := shr(64, word)
                    }
                }
            }
        }
        uint256 lanes = c.n - (w << 4);
        return lanes > 16 ? 16 : lanes;
    }

    /// Distance in bytes from array `b` to array `a` (nonzero: distinct allocations).
    function _distance(uint256[] memory a, uint256[] memory b) private pure returns (uint256 d) {
        assembly ("memory-safe") {
            d := sub(a, b)
        }
    }

    function _median(Context memory c) private pure returns (MedianInputs memory m) {
        uint256 rowCount = c.rowCount;
        m.stake = new uint256[](rowCount);
        uint256 members;
        uint256 sum;
        for (uint256 k; k < rowCount; ++k) {
            if (c.active[k] != 0) {
                ++members;
                sum += c.active[k];
            }
        }
        m.members = new uint256[](members);
        members = 0;
        uint256 stakeSum;
        for (uint256 k; k < rowCount; ++k) {
            if (c.active[k] != 0) {
                m.members[members++] = k;
                uint256 x = (c.active[k] << 32) / sum;
                m.stake[k] = x;
                stakeSum += x;
            }
        }
        m.buffers = new uint256[](2 * rowCount);
        m.stakeSum = int256(stakeSum);
    }

    function _consensus(SubnetState storage s, Context memory c, uint256 w) private returns (uint256) {
        MedianInputs memory m = _median(c);
        m.minority = m.stakeSum - int256(EpochMath.proportion(s.params.kappa));
        EpochScratch storage e = s.epoch;
        for (; w < c.words; ++w) {
            if (!_take(c, COST_CHUNK + c.rowCount * COST_CONSENSUS)) break;
            uint256 lanes = _normalisedChunk(s, c, w, m.stake);
            // The previous epoch's consensus, read before it is overwritten: the medians' first guesses (these
            // slots are written below, so reading them first adds no cold access).
            uint256[4] memory hints;
            for (uint256 q; q < 4; ++q) hints[q] = e.consensus[4 * w + q];
            uint256[4] memory cons;
            uint256[4] memory ranks;
            uint256[4] memory trust;
            for (uint256 l; l < lanes; ++l) {
                _consensusColumn(c, m, l, uint64(hints[l >> 2] >> (64 * (l & 3))), cons, ranks, trust);
            }
            for (uint256 q; q < 4; ++q) {
                e.consensus[4 * w + q] = cons[q];
                e.ranks[4 * w + q] = ranks[q];
                e.trust[4 * w + q] = trust[q];
            }
        }
        return w;
    }

    /// One column of the consensus pass: its consensus, rank and trust packed into the chunk's words.
    function _consensusColumn(
        Context memory c,
        MedianInputs memory m,
        uint256 l,
        uint256 hint,
        uint256[4] memory cons,
        uint256[4] memory ranks,
        uint256[4] memory trust
    ) private pure {
        uint256 offset = l * c.rowCount;
        // Inside the stake the keys written with the weights serve; the extremes go through the members.
        uint256 consensus = m.minority >= 0 && m.minority < m.stakeSum
            ? EpochMath.medianOfKeys(c.cells2, offset, c.rowCount, m.buffers, uint256(m.minority), hint)
            : EpochMath.weightedMedian(c.cells, offset, m);
        (uint256 rank, uint256 pre) = _clip(c, offset, consensus);
        uint256 shift = 64 * (l & 3);
        cons[l >> 2] |= consensus << shift;
        ranks[l >> 2] |= rank << shift;
        // divFixed(rank, pre): rank <= pre, so at most 1.
        trust[l >> 2] |= (pre == 0 ? 0 : (rank << 32) / pre) << shift;
        c.rankSum += rank;
    }

    /// Clips one column at its consensus: adds the clipped weights to the rows' validator trust and returns the
    /// column's rank (stake times clipped weights) and pre-rank (stake times weights).
    function _clip(Context memory c, uint256 offset, uint256 consensus) private pure returns (uint256 rank, uint256 pre) {
        uint256[] memory cells = c.cells;
        uint256[] memory active = c.active;
        uint256[] memory rowTrust = c.rowTrust;
        uint256 rowCount = c.rowCount;
        // Overflow not possible: values are at most 2^32 (normalised), stakes sum to at most 2^32. The offsets from
        // the column to `active` and `rowTrust` may wrap, and wrap back when added to an address inside the column.
        assembly ("memory-safe") {
            let p := add(add(cells, 0x20), shl(5, offset))
            let end := add(p, shl(5, rowCount))
            let act := sub(add(active, 0x20), p)
            let tr := sub(add(rowTrust, 0x20), p)
            // A zero weight adds nothing, so every row goes through the same branchless body.
            for {} lt(p, end) { p := add(p, 0x20) } {
                let v := mload(p)
                let clipped := xor(v, mul(xor(v, consensus), gt(v, consensus)))
                let t := add(p, tr)
                mstore(t, add(mload(t), clipped))
                let a := mload(add(p, act))
                pre := add(pre, shr(32, mul(a, v)))
                rank := add(rank, shr(32, mul(a, clipped)))
            }
        }
    }

    /// Parameters of the bonds pass, shared by the columns of a step.
    struct BondParams {
        uint256 penalty;
        int256 alpha;
        int256 oneMinusAlpha;
        uint256 lastTempo;
        uint256 newPermits;
    }

    function _bondParams(SubnetState storage s) private view returns (BondParams memory p) {
        p.penalty = EpochMath.proportion(s.params.bondsPenalty);
        // alpha = 1 - I32F32(I64F64(bma) / I64F64(1e6)), the narrowing dropping 32 fractional bits.
        uint256 bma64 = (uint256(s.params.bondsMovingAverage) << 64) / 1_000_000;
        p.alpha = int256(ONE) - int256(bma64 >> 32);
        p.oneMinusAlpha = int256(ONE) - p.alpha;
        p.lastTempo = s.epoch.lastTempo;
        p.newPermits = s.epoch.newPermits;
    }

    function _bonds(SubnetState storage s, Context memory c, uint256 w) private returns (uint256) {
        BondParams memory p = _bondParams(s);
        for (; w < c.words; ++w) {
            if (!_take(c, COST_CHUNK + c.rowCount * (COST_BONDS + COST_FRESH_BOND))) break;
            uint256 filled = _bondsChunk(s, c, p, w);
            c.budget += (c.rowCount - filled) * COST_FRESH_BOND;
        }
        return w;
    }

    /// Consensus, incentive and per-lane old-bond mask of the 16 columns of word-column `w`.
    struct ChunkColumns {
        uint256[16] consensus;
        uint256[16] incentive;
        uint256[16] bondMask;
        uint256[16] bondSum;
        uint256[16] deltaSum;
        /// Bonds penalty (I32F32) and the distance in bytes between two lanes of a row in `c.cells`.
        uint256 penalty;
        uint256 stride;
    }

    /// Returns the number of bond slots it filled for the first time.
    function _bondsChunk(SubnetState storage s, Context memory c, BondParams memory p, uint256 w)
        private
        returns (uint256 filled)
    {
        uint256 lanes = _normalisedChunk(s, c, w, new uint256[](0));
        ChunkColumns memory col = _chunkColumns(s, c, p, w, lanes);
        uint256[] memory oldWords = _oldBonds(s, c, w, lanes, col);
        uint256[] memory newWords = new uint256[](c.rowCount);
        for (uint256 l; l < lanes; ++l) {
            _emaColumn(c, p, col, l, newWords);
        }
        for (uint256 k; k < c.rowCount; ++k) {
            uint256 uid = c.rowUid[k];
            uint256 word = p.newPermits & (uint256(1) << uid) == 0 ? 0 : newWords[k];
            if (word != oldWords[k]) {
                s.bonds[uid][w] = word;
                if (oldWords[k] == 0) ++filled;
            }
        }
    }

    function _chunkColumns(SubnetState storage s, Context memory c, BondParams memory p, uint256 w, uint256 lanes)
        private
        view
        returns (ChunkColumns memory col)
    {
        EpochScratch storage e = s.epoch;
        (uint256[16] memory reg,) = _registered(s, w);
        col.penalty = p.penalty;
        col.stride = c.rowCount << 5;
        uint256 rankSum = c.rankSum;
        for (uint256 l; l < lanes; ++l) {
            uint256 shift = 64 * (l & 3);
            col.consensus[l] = uint64(e.consensus[4 * w + (l >> 2)] >> shift);
            uint256 rank = uint64(e.ranks[4 * w + (l >> 2)] >> shift);
            // Ranks normalised: divFixed(rank, rankSum), rank <= rankSum.
            uint256 incentive = rankSum == 0 ? rank : (rank << 32) / rankSum;
            col.incentive[l] = incentive;
            c.incentiveSum += incentive;
            // Bonds of a UID registered since the last epoch are dropped.
            if (p.lastTempo > reg[l]) col.bondMask[l] = U16_MAX;
        }
    }

    /// Old bonds (masked) into `c.cells2`, bonds deltas (weights for bonds times active stake) into `c.cells`, and
    /// their column sums; returns the rows' old bond words.
    function _oldBonds(SubnetState storage s, Context memory c, uint256 w, uint256 lanes, ChunkColumns memory col)
        private
        view
        returns (uint256[] memory oldWords)
    {
        oldWords = new uint256[](c.rowCount);
        for (uint256 k; k < oldWords.length; ++k) {
            oldWords[k] = s.bonds[c.rowUid[k]][w];
            (uint256 c1, uint256 c2) = _rowCells(c, k);
            _oldBondsRow(c1, c2, col, oldWords[k], lanes, c.active[k]);
        }
    }

    /// Memory addresses of row `k`'s first cell in `c.cells` and `c.cells2`.
    function _rowCells(Context memory c, uint256 k) private pure returns (uint256 c1, uint256 c2) {
        uint256[] memory cells = c.cells;
        uint256[] memory cells2 = c.cells2;
        assembly ("memory-safe") {
            c1 := add(add(cells, 0x20), shl(5, k))
            c2 := add(add(cells2, 0x20), shl(5, k))
        }
    }

    /// One row of a chunk: lane l of the row's cells sits at `c1 + l * stride` (deltas) and `c2 + l * stride`
    /// (bonds).
    function _oldBondsRow(
        uint256 c1,
        uint256 c2,
        ChunkColumns memory col,
        uint256 old,
        uint256 lanes,
        uint256 active
    ) private pure {
        uint256 stride = col.stride;
        uint256 penalty = col.penalty;
        // The weight for bonds interpolates from the weight v towards the clipped weight by the penalty:
        // v + floor(penalty * (clipped - v)), the product negative (two's complement, arithmetic shift floors).
        // Overflow not possible: values are at most 2^32, the penalty at most 2^32.
        // `col` holds pointers to its arrays: consensus, incentive, bondMask, bondSum, deltaSum.
        assembly ("memory-safe") {
            function bondsDelta(v, cons, penalty_, active_) -> delta {
                if and(gt(v, 0), gt(active_, 0)) {
                    let clipped := v
                    if gt(v, cons) { clipped := cons }
                    let x := v
                    switch penalty_
                    case 0 {}
                    case 0x100000000 { x := clipped }
                    default {
                        x := add(v, sar(32, mul(penalty_, sub(clipped, v))))
                        if iszero(sgt(x, 0)) { x := 0 }
                    }
                    delta := shr(32, mul(x, active_))
                }
            }
            for { let l := 0 } lt(l, lanes) { l := add(l, 1) } {
                let slot := shl(5, l)
                let b := and(shr(shl(4, l), old), mload(add(mload(add(col, 0x40)), slot)))
                mstore(c2, b)
                let sumAt := add(mload(add(col, 0x60)), slot)
                mstore(sumAt, add(mload(sumAt), b))
                let delta := bondsDelta(mload(c1), mload(add(mload(col), slot)), penalty, active)
                mstore(c1, delta)
                sumAt := add(mload(add(col, 0x80)), slot)
                mstore(sumAt, add(mload(sumAt), delta))
                c1 := add(c1, stride)
                c2 := add(c2, stride)
            }
        }
    }

    /// One column of the bonds pass: column-normalised old bonds and deltas, their moving average, its column
    /// normalisation, the dividends it earns the rows, and the max-upscaled u16 bond in each row's new word.
    function _emaColumn(
        Context memory c,
        BondParams memory p,
        ChunkColumns memory col,
        uint256 l,
        uint256[] memory newWords
    ) private pure {
        uint256 offset = l * c.rowCount;
        (uint256 emaSum, uint256 emaMax) = _emaCells(c, p, offset, col.bondSum[l], col.deltaSum[l]);
        // The column max of the normalised averages is the normalised column max (the quotient is monotone).
        uint256 colMax = emaSum == 0 ? emaMax : (emaMax << 32) / emaSum;
        // A zero column earns no dividends and leaves no bonds.
        if (colMax == 0) return;
        _dividends(c, offset, emaSum, colMax, col.incentive[l], 16 * l, newWords);
    }

    /// The moving average of the column-normalised deltas and old bonds into `c.cells`; returns its column sum and
    /// maximum.
    function _emaCells(Context memory c, BondParams memory p, uint256 offset, uint256 bondSum, uint256 deltaSum)
        private
        pure
        returns (uint256 emaSum, uint256 emaMax)
    {
        uint256 rowCount = c.rowCount;
        uint256[] memory cells = c.cells;
        uint256[] memory cells2 = c.cells2;
        int256 alpha = p.alpha;
        int256 oneMinusAlpha = p.oneMinusAlpha;
        // ema = floor(alpha * delta) + floor((1 - alpha) * bond) over the column-normalised delta and bond
        // (b * 2^32 / bondSum is divFixed of the I32F32 bond by its column sum); kept when positive.
        // Overflow not possible: values at most 2^32, |alpha| and |1 - alpha| below 2^45 (bma below 2^32).
        assembly ("memory-safe") {
            let c1 := add(add(cells, 0x20), shl(5, offset))
            let c2 := sub(add(add(cells2, 0x20), shl(5, offset)), c1)
            let last := add(c1, shl(5, rowCount))
            if iszero(deltaSum) { deltaSum := 0x100000000 }
            if iszero(bondSum) { bondSum := 0x100000000 }
            for {} lt(c1, last) { c1 := add(c1, 0x20) } {
                let ema := add(
                    sar(32, mul(alpha, div(shl(32, mload(c1)), deltaSum))),
                    sar(32, mul(oneMinusAlpha, div(shl(32, mload(add(c1, c2))), bondSum)))
                )
                if iszero(sgt(ema, 0)) { ema := 0 }
                mstore(c1, ema)
                emaSum := add(emaSum, ema)
                if gt(ema, emaMax) { emaMax := ema }
            }
        }
    }

    /// Normalises the column of moving averages (sum `emaSum`, normalised maximum `colMax` > 0), adds the dividends
    /// it earns each row, and writes the column max-upscale at bit `shift` of each row's new bond word:
    /// fixed_proportion_to_u16(divFixed(x, colMax)) = min(floor(divFixed(x, colMax) * 65535), 65535).
    function _dividends(
        Context memory c,
        uint256 offset,
        uint256 emaSum,
        uint256 colMax,
        uint256 incentive,
        uint256 shift,
        uint256[] memory newWords
    ) private pure {
        uint256[] memory cells = c.cells;
        uint256[] memory dividends = c.dividends;
        uint256 rowCount = c.rowCount;
        // Dividing by 2^32 where the sum is zero leaves the value as it is (divFixed's zero-sum rule).
        if (emaSum == 0) emaSum = ONE;
        // Overflow not possible: values, the incentive and colMax are at most 2^32, x <= colMax.
        assembly ("memory-safe") {
            let col := add(add(cells, 0x20), shl(5, offset))
            let last := add(col, shl(5, rowCount))
            let d := sub(add(dividends, 0x20), col)
            let o := sub(add(newWords, 0x20), col)
            for {} lt(col, last) { col := add(col, 0x20) } {
                let x := mload(col)
                if x {
                    x := div(shl(32, x), emaSum)
                    mstore(add(col, d), add(mload(add(col, d)), shr(32, mul(incentive, x))))
                    let u := shr(32, mul(div(shl(32, x), colMax), 0xffff))
                    if gt(u, 0xffff) { u := 0xffff }
                    mstore(add(col, o), or(mload(add(col, o)), shl(shift, u)))
                }
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Emission
    // ----------------------------------------------------------------------------------------------------------

    /// Sums the emission pass needs: per row its normalised dividends, the sum of incentives and dividends, and the
    /// ordinal + 1 of each UID's row.
    struct EmissionView {
        uint256[] ordinal;
        uint256[] dividends;
        uint256 emissionSum;
        uint256 rankSum;
        uint256 emission;
        bool stakeFallback;
    }

    function _emissionView(SubnetState storage s, Context memory c) private view returns (EmissionView memory v) {
        uint256 rowCount = c.rowCount;
        v.ordinal = new uint256[](c.n);
        v.dividends = new uint256[](rowCount);
        uint256 dividendSum;
        for (uint256 k; k < rowCount; ++k) {
            v.ordinal[c.rowUid[k]] = k + 1;
            dividendSum += c.dividends[k];
        }
        uint256 normalisedSum;
        for (uint256 k; k < rowCount; ++k) {
            uint256 d = c.dividends[k];
            if (dividendSum != 0) d = (d << 32) / dividendSum;
            v.dividends[k] = d;
            normalisedSum += d;
        }
        v.emissionSum = c.incentiveSum + normalisedSum;
        v.rankSum = c.rankSum;
        v.emission = s.epochEmission;
        v.stakeFallback = s.epoch.stakeFallback;
    }

    function _emission(SubnetState storage s, Context memory c, uint256 uid) private returns (uint256) {
        EmissionView memory v = _emissionView(s, c);
        for (; uid < c.n; ++uid) {
            if (!_take(c, COST_EMISSION)) break;
            c.paid += _emit(s, c, v, uid);
        }
        return uid;
    }

    /// Writes UID `j`'s metagraph word and credits its emission; returns the amount credited.
    function _emit(SubnetState storage s, Context memory c, EmissionView memory v, uint256 j)
        private
        returns (uint256 amount)
    {
        EpochScratch storage e = s.epoch;
        uint256 shift = 64 * (j & 3);
        uint256 rank = uint64(e.ranks[j >> 2] >> shift);
        uint256 incentive = v.rankSum == 0 ? rank : (rank << 32) / v.rankSum;
        uint256 ordinal = v.ordinal[j];
        uint256 dividends = ordinal == 0 ? 0 : v.dividends[ordinal - 1];
        uint256 server;
        uint256 validator;
        if (v.emissionSum != 0) {
            server = (incentive << 32) / v.emissionSum;
            validator = (dividends << 32) / v.emissionSum;
        } else {
            // Nothing earned: validators are paid by active stake, or by stake when no row is active.
            server = incentive;
            if (v.stakeFallback) validator = uint64(e.stake[j >> 2] >> shift);
            else validator = ordinal == 0 ? 0 : c.active[ordinal - 1];
        }
        server = Math.mulDiv(server, v.emission, ONE);
        validator = Math.mulDiv(validator, v.emission, ONE);
        amount = server + validator;

        uint256 word = EpochMath.toU16(uint64(e.consensus[j >> 2] >> shift)) << MetagraphWord.CONSENSUS_SHIFT;
        word |= EpochMath.toU16(incentive) << MetagraphWord.INCENTIVE_SHIFT;
        word |= EpochMath.toU16(dividends) << MetagraphWord.DIVIDENDS_SHIFT;
        if (ordinal != 0) {
            word |= EpochMath.toU16(c.rowTrust[ordinal - 1]) << MetagraphWord.VALIDATOR_TRUST_SHIFT;
        }
        word |= EpochMath.toU16(uint64(e.trust[j >> 2] >> shift)) << MetagraphWord.TRUST_SHIFT;
        word |= EpochMath.toU16(incentive) << MetagraphWord.RANK_SHIFT;
        word |= (amount > EMISSION_MAX ? EMISSION_MAX : amount) << MetagraphWord.EMISSION_SHIFT;
        s.metagraph[j] = word;
        if (amount != 0) SubnetRewards.creditEmission(s, s.neurons[j].hotkey, server, validator);
    }
}
