// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EpochScratch} from "./EpochScratch.sol";
import {SubnetRewards} from "./SubnetRewards.sol";
import {SubnetState, MetagraphWord} from "./SubnetStorage.sol";
import {EpochMath, MedianInputs} from "./epoch/EpochMath.sol";

/// @title YumaEpoch
/// @notice Yuma consensus over a subnet's state, in steps that each fit in a block. Linked into the subnet
/// contract and called by delegatecall, so that it reads and writes the subnet's own storage.
///
/// The result is bit-identical to the SDK's reference `runEpoch`, which models subtensor's sparse `epoch_mechanism`
/// (I32F32 arithmetic: products floor, quotients truncate) with classic or Yuma3 bonds, with or without liquid
/// alpha. Weights are sparse as subtensor stores them: a UID a row names with a zero weight is an entry, one it
/// does not name is none, and liquid alpha (`mat_ema_alpha_sparse`) keeps only the bonds of entries (see
/// {_namedBonds}). One assumption stands where subtensor depends on the order in which a row was sent: its liquid
/// alpha walks a row's weights and bonds in ascending UID order (`compute_liquid_alpha_values_sparse`), and a row
/// sent in another order pairs some weights with another column's alpha there; rows here have no order, and are
/// taken as sent in ascending order.
/// Only the rows of the validator permits (and the owner's UID) carry weights and bonds. The start reads the stake
/// of every UID that may hold some, once, issues the next permits and derives each row's masked weight sum from the
/// sum kept with its weights (or leaves the sums to the first step when their reads might not fit); the steps then
/// read those rows by word-columns of 16 UIDs, in two passes, then pay:
///
///   1. consensus       per column (two at a time while the guesses hold): the stake-weighted median (consensus),
///                      clipping, ranks, trust, and per row the validator trust;
///   2. bonds           per column: the bonds moving average, its column normalisation, the dividends (which need
///                      the incentive, hence the sum of all ranks from pass 1), and the new bonds written back
///                      (column max-upscaled, or as proportions under Yuma3);
///   3. emission        per UID: the metagraph word, with what the UID's coldkey earns added to what it has yet to
///                      claim, and the rest of its dividends to its hotkey's stakers.
///
/// A step takes chunks (a word-column, or a UID in pass 3) while the gas it has used so far, plus the next chunk's
/// worst case, stays within a step's allowance. The gas used is a difference of two `gasleft()` readings, so it is
/// the same whatever gas limit the transaction carries: a step does the same work when estimated and when sent, and
/// a cheap chunk (a steady epoch's, whose slots exist and whose medians hold) leaves room for more.
library YumaEpoch {
    uint8 private constant PHASE_CONSENSUS = 1;
    uint8 private constant PHASE_BONDS = 2;
    uint8 private constant PHASE_EMISSION = 3;

    uint256 private constant ONE = 1 << 32;
    uint256 private constant U16_MAX = 0xffff;
    uint256 private constant U64_MAX = type(uint64).max;
    /// Gas the start may use up to its weight sums (see {_rowSums}); what follows them (the row vectors and scratch
    /// written, at worst all fresh, and the stake kept for the fallback) stays within about 2.5M more.
    uint256 private constant START_GAS = 6_500_000;
    /// Worst cases of the weight sums: per row (its kept sum read), and per row and word-column with a recent
    /// registration (its word read, its mask built).
    uint256 private constant ROW_SUM_GAS = 4_000;
    uint256 private constant ROW_SUM_WORD_GAS = 6_000;
    uint256 private constant NO_BUDGET = type(uint256).max;
    /// No guess was tried (see {_unpackColumn}).
    uint256 private constant NO_GUESS = type(uint256).max;
    /// Both halves of a word with the low 32 bits of each cleared: a pair of I32F32 products floored in place.
    uint256 private constant FLOOR_PAIR = 0xffffffffffffffffffffffff00000000ffffffffffffffffffffffff00000000;
    /// Fields of a row's lane in `EpochScratch.rowInputs`: the threshold in the low 64 bits, then these. The sum's
    /// field carries the row's {WeightSums} flag (its bit 29) above the sum, which the mask strips.
    uint256 private constant ROW_SUM_SHIFT = 64;
    uint256 private constant ROW_SUM_MASK = (1 << 29) - 1;
    uint256 private constant ROW_ZEROS_SHIFT = ROW_SUM_SHIFT + 29;
    uint256 private constant ROW_ACTIVE_SHIFT = 94;
    uint256 private constant NO_OWNER = type(uint256).max;
    /// A rank's bits in its lane of `ranks` (a rank is at most 2^32); the column's consensus as a u16 sits above them,
    /// so that the emission reads one vector for both.
    uint256 private constant RANK_BITS = (1 << 48) - 1;
    uint256 private constant RANK_CONSENSUS_SHIFT = 48;
    /// Lanes 0, 2, 4, ... of a word of 16-bit lanes, each in a 32-bit lane.
    uint256 private constant EVEN_LANES = 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff;

    /// Gas a step may use from its start to the end of its last chunk; the rest of the transaction (its base, the
    /// call, the row vectors written back) stays within about 400,000 more, so a step stays below 10M.
    uint256 private constant STEP_GAS = 9_200_000;
    /// Worst cases of the chunks, in units of 1,000 gas, measured on dense rows whose slots are written for the first
    /// time (a first epoch's bonds and credits cost more than a steady epoch's). A chunk is taken only when this much
    /// is left of the allowance; what it then uses is what it is charged.
    uint256 private constant UNIT = 1_000;
    /// Per row of a word-column: weights read and normalised, medians, clipping. Measured on 64 validators (65
    /// rows) by 256 dense UIDs after new weights, with every guess wrong (the paired pass wasted and taken back, the
    /// previous epoch's consensus tried and taken back, then the selection): about 1.9M gas a chunk; an epoch whose
    /// guesses hold costs about 0.47M a chunk.
    uint256 private constant COST_CONSENSUS = 34;
    /// Per row of a word-column: weights and bonds read, moving average, dividends, a bond word rewritten.
    uint256 private constant COST_BONDS = 25;
    /// Per row of a word-column whose bond word is written for the first time (an empty slot filled).
    uint256 private constant COST_FRESH_BOND = 19;
    /// Liquid alpha's sigmoid and exponential for the 16 cells of a row (on top of COST_BONDS).
    uint256 private constant COST_LIQUID = 32;
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
    /// @param cursor Next word-column (passes 1 and 2) or UID (pass 3) of that pass.
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

    /// Per-step view of the scratch, in memory.
    struct Context {
        uint256 n;
        uint256 words;
        uint256 rowCount;
        uint256 owner;
        /// `gasleft()` when the step began, and whether it has done any work.
        uint256 gasStart;
        bool progressed;
        uint256 rankSum;
        uint256 incentiveSum;
        uint256 paid;
        uint256[] rowUid;
        /// Storage slots of each row's weights and bonds (their first words), found once a step.
        uint256[] weightSlots;
        uint256[] bondSlots;
        uint256[] threshold;
        uint256[] rowSum;
        uint256[] active;
        uint256[] rowTrust;
        uint256[] dividends;
        /// A chunk's 16 columns of `rowCount` values as 8 column pairs (see {_normalisedChunk}), pair-major.
        uint256[] cells;
        /// One column of the chunk, unpacked, for the columns whose guesses fail (see {_consensusPair}).
        uint256[] column;
        /// By row: the clipped weights of the paired passes, even columns low and odd high (see {_clipPairAtGuess}).
        uint256[] trustPairs;
        /// Whether this step's consensus chunks found a nonzero consensus.
        bool consensusNonzero;
        /// By word-column: its latest registration block (see `EpochScratch.registeredLatest`); a word-column whose
        /// latest is below `settled` (the lowest row threshold and the last tempo) masks no weight and drops no bond.
        uint256[] latest;
        uint256 settled;
        /// The emission pass's leader so far: (UID + 1) << 16 | its u16 incentive; 0 for none.
        uint256 leader;
    }

    /// @notice Begins an epoch at the current block that distributes `s.epochEmission` reward token units.
    /// @dev Reads the stake of every UID that may hold some once (the only reads of stake), issues the next
    /// validator permits, normalises the active stake and derives each row's masked weight sum from the sum kept with
    /// its weights (or leaves the sums to the first step when their reads might not fit); the steps then work on rows
    /// and columns.
    function start(SubnetState storage s) external {
        uint256 gasStart = gasleft();
        EpochScratch storage e = s.epoch;
        if (e.phase != 0) revert YumaEpochRunning(e.phase);

        uint256 n = s.n;
        uint256 owner = _ownerUid(s, n);
        uint256 ownerBit = owner == NO_OWNER ? 0 : uint256(1) << owner;

        uint256[] memory stake = _stakes(s, n);
        uint256 rows = (s.validatorPermits & (n == 256 ? type(uint256).max : (uint256(1) << n) - 1)) | ownerBit;
        e.newPermits = EpochMath.topKNonzero(stake, s.params.maxValidators) | ownerBit;
        (uint256[] memory threshold, uint256[] memory active) = _rows(s, e, stake, rows, n);
        // The weight sums here when they surely fit (few words to read), else in the first step.
        uint256[] memory sums = _rowSums(s, rows, owner, threshold, n, gasStart);
        bool summed = sums.length == threshold.length;
        _storeRowInputs(e, threshold, summed ? sums : new uint256[](threshold.length), active);
        e.rowSumsReady = summed;
        e.rowCount = uint16(threshold.length);
        e.consensusNonzero = false;
        if (e.stakeFallback) EpochMath.storeLanes(e.stake, stake);

        e.phase = PHASE_CONSENSUS;
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
    /// @param hints Guesses of the epoch's consensus, in the layout the epoch keeps it: word `q` holds UIDs `4q` to
    /// `4q + 3`, 64 bits each from the low end (I32F32). A column whose guess is its weighted median skips the
    /// selection (the pass that clips the column at the guess confirms it); a wrong or missing guess (the array may
    /// be short or empty) falls back to the previous epoch's consensus as the guess, then to the selection. The result never
    /// depends on them: the SDK computes them with the reference epoch, which saves most medians when weights changed.
    /// @return done Whether the epoch is complete (then `paid` is what it credited of `s.epochEmission`).
    /// @return paid Reward token units credited to UIDs, at most `s.epochEmission`.
    function step(SubnetState storage s, uint256[] calldata hints) external returns (bool done, uint256 paid) {
        uint256 gasStart = gasleft();
        EpochScratch storage e = s.epoch;
        uint8 phase = e.phase;
        if (phase == 0) revert YumaEpochNotRunning();
        // The weight sums the start left (see {start}): the first step derives them, and does less of the passes.
        bool summed = !e.rowSumsReady;
        if (summed) _deferredRowSums(s, e);
        Context memory c = _context(s, e);
        c.gasStart = gasStart;
        c.progressed = summed;
        uint256 cursor = e.cursor;
        bool[3] memory dirty;

        while (true) {
            if (phase == PHASE_CONSENSUS) {
                if (cursor == 0) c.rowTrust = new uint256[](c.rowCount);
                cursor = _consensus(s, c, cursor, hints);
                dirty[1] = true;
                if (cursor < c.words) break;
                (phase, cursor) = (PHASE_BONDS, 0);
            } else if (phase == PHASE_BONDS) {
                if (cursor == 0) c.dividends = new uint256[](c.rowCount);
                cursor = _bonds(s, c, cursor);
                dirty[2] = true;
                if (cursor < c.words) break;
                (phase, cursor) = (PHASE_EMISSION, 0);
                // The emission reads the validator trust the consensus pass left (in memory when it ran here).
                if (!dirty[1]) c.rowTrust = EpochMath.loadLanes(e.rowTrust, c.rowCount);
            } else {
                cursor = _emission(s, c, cursor);
                if (cursor < c.n) break;
                done = true;
                break;
            }
        }

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
            (e.leaderPlusOne, e.leaderIncentive) = (0, 0);
            _recordLeader(s, c.leader >> 16);
            emit YumaEpochCompleted(paid, permits);
        } else {
            e.phase = phase;
            e.cursor = uint16(cursor);
            e.rankSum = c.rankSum;
            e.incentiveSum = c.incentiveSum;
            e.paid = c.paid;
            (e.leaderPlusOne, e.leaderIncentive) = (uint16(c.leader >> 16), uint16(c.leader));
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

    /// Stake weights normalised as subtensor does (I64F64 division, narrowed to I32F32).
    function _stakes(SubnetState storage s, uint256 n) private view returns (uint256[] memory) {
        uint256[] memory stake = new uint256[](n);
        uint256 total;
        // Only the UIDs whose hotkey may hold stake have their pools read (see `stakedUids`).
        uint256 staked = s.stakedUids;
        for (uint256 i; i < n; ++i) {
            if (staked & (uint256(1) << i) == 0) continue;
            uint256 w = SubnetRewards.stakeWeight(s, s.neurons[i].hotkey);
            stake[i] = w;
            // Overflow not possible: at most 256 terms below 2^63.
            unchecked {
                total += w;
            }
        }
        if (total != 0) {
            // Overflow not possible: w < 2^63, so w << 128 < 2^191; total < 2^71, so total << 64 < 2^135.
            unchecked {
                uint256 total64 = total << 64;
                for (uint256 i; i < n; ++i) stake[i] = ((stake[i] << 128) / total64) >> 32;
            }
        }
        return stake;
    }

    /// Row vectors: masking threshold and normalised active stake of each row.
    function _rows(SubnetState storage s, EpochScratch storage e, uint256[] memory stake, uint256 rows, uint256 n)
        private
        returns (uint256[] memory threshold, uint256[] memory active)
    {
        uint256 rowCount = EpochMath.popcount(rows);
        threshold = new uint256[](rowCount);
        active = new uint256[](rowCount);
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
    }

    /// The weight sums the start left to the first step, written into the row vectors.
    function _deferredRowSums(SubnetState storage s, EpochScratch storage e) private {
        (uint256[] memory threshold, , uint256[] memory active) = _loadRowInputs(e, e.rowCount);
        uint256 owner = e.ownerPlusOne == 0 ? NO_OWNER : e.ownerPlusOne - 1;
        _storeRowInputs(e, threshold, _rowSums(s, e.rows, owner, threshold, s.n, NO_BUDGET), active);
        e.rowSumsReady = true;
    }

    /// Writes the row vectors, two rows a word (see `EpochScratch.rowInputs`).
    function _storeRowInputs(
        EpochScratch storage e,
        uint256[] memory threshold,
        uint256[] memory sums,
        uint256[] memory active
    ) private {
        uint256 rowCount = threshold.length;
        // Overflow not possible: a threshold is a uint64 block, a sum of at most 256 u16 weights is below 2^24 (with
        // the row's zeros flag at bit 29) and a normalised stake at most 2^32, so each fits its field.
        for (uint256 q; 2 * q < rowCount; ++q) {
            uint256 word;
            for (uint256 k = 2 * q; k < 2 * q + 2 && k < rowCount; ++k) {
                uint256 lane = threshold[k] | (sums[k] << ROW_SUM_SHIFT) | (active[k] << ROW_ACTIVE_SHIFT);
                word |= lane << (128 * (k & 1));
            }
            e.rowInputs[q] = word;
        }
    }

    /// Reads the row vectors {_storeRowInputs} wrote.
    function _loadRowInputs(EpochScratch storage e, uint256 rowCount)
        private
        view
        returns (uint256[] memory threshold, uint256[] memory sums, uint256[] memory active)
    {
        threshold = new uint256[](rowCount);
        sums = new uint256[](rowCount);
        active = new uint256[](rowCount);
        uint256 word;
        for (uint256 k; k < rowCount; ++k) {
            if (k & 1 == 0) word = e.rowInputs[k >> 1];
            uint256 lane = uint128(word >> (128 * (k & 1)));
            threshold[k] = uint64(lane);
            sums[k] = (lane >> ROW_SUM_SHIFT) & ROW_SUM_MASK;
            active[k] = lane >> ROW_ACTIVE_SHIFT;
        }
    }

    /// Row `i` drops the weights of UIDs registered at or after this block: its last update (outdated weights) or,
    /// under commit-reveal with a live commit (not past its own reveal epoch), the commit's block + 1 (weights
    /// committed before a UID existed).
    function _threshold(SubnetState storage s, uint256 i, uint256 lastUpdate) private view returns (uint256 th) {
        th = lastUpdate;
        if (!s.params.commitReveal || s.commits[i].hash == 0) return th;
        if (s.epochNumber > s.commits[i].revealEpoch) return th;
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
        c.rankSum = e.rankSum;
        c.incentiveSum = e.incentiveSum;
        c.paid = e.paid;
        c.leader = (uint256(e.leaderPlusOne) << 16) | e.leaderIncentive;
        uint256 rows = e.rows;
        c.rowUid = new uint256[](rowCount);
        uint256 k;
        for (uint256 i; k < rowCount; ++i) {
            if (rows & (uint256(1) << i) != 0) c.rowUid[k++] = i;
        }
        // Each pass loads the row vectors it reads: the weight passes the masks and sums, consensus the trust it
        // adds to, bonds the dividends it adds to, the emission both of those.
        (c.threshold, c.rowSum, c.active) = _loadRowInputs(e, rowCount);
        uint8 phase = e.phase;
        bool fresh = e.cursor == 0;
        if (phase != PHASE_EMISSION) {
            c.latest = _latestRegistered(e, c.words);
            uint256 settled = e.lastTempo;
            for (k = 0; k < rowCount; ++k) {
                if (c.threshold[k] < settled) settled = c.threshold[k];
            }
            c.settled = settled;
            // The bonds pass may begin in a step that began in the consensus pass.
            c.weightSlots = new uint256[](rowCount);
            c.bondSlots = new uint256[](rowCount);
            for (k = 0; k < rowCount; ++k) {
                uint256[16] storage weights = s.weights[c.rowUid[k]];
                uint256[16] storage bonds = s.bonds[c.rowUid[k]];
                uint256 weightSlot;
                uint256 bondSlot;
                assembly ("memory-safe") {
                    weightSlot := weights.slot
                    bondSlot := bonds.slot
                }
                c.weightSlots[k] = weightSlot;
                c.bondSlots[k] = bondSlot;
            }
        }
        if ((phase == PHASE_CONSENSUS && !fresh) || phase == PHASE_EMISSION) {
            c.rowTrust = EpochMath.loadLanes(e.rowTrust, rowCount);
        }
        if ((phase == PHASE_BONDS && !fresh) || phase == PHASE_EMISSION) {
            c.dividends = EpochMath.loadLanes(e.rowDividends, rowCount);
        }
        if (phase == PHASE_CONSENSUS) {
            c.cells = new uint256[](8 * rowCount);
            c.column = new uint256[](rowCount);
            c.trustPairs = new uint256[](rowCount);
        }
    }

    /// Whether the step may take a chunk whose worst case is `units`: always its first chunk, so that every step
    /// progresses.
    function _take(Context memory c, uint256 units) private view returns (bool) {
        if (c.progressed && c.gasStart - gasleft() + units * UNIT > STEP_GAS) return false;
        c.progressed = true;
        return true;
    }

    /// The latest registration block of each of the first `words` word-columns.
    function _latestRegistered(EpochScratch storage e, uint256 words) private view returns (uint256[] memory latest) {
        latest = new uint256[](words);
        uint256 word;
        for (uint256 w; w < words; ++w) {
            if (w & 3 == 0) word = e.registeredLatest[w >> 2];
            latest[w] = uint64(word >> (64 * (w & 3)));
        }
    }

    /// Registration blocks of the 16 UIDs of word-column `w`, and the highest of them. A word-column registered
    /// entirely before `c.settled` is not read: its blocks show as zero (below every threshold and the last tempo,
    /// as the real ones are) with its latest as the highest.
    function _registered(SubnetState storage s, Context memory c, uint256 w)
        private
        view
        returns (uint256[16] memory reg, uint256 highest)
    {
        highest = c.latest[w];
        if (highest < c.settled) return (reg, highest);
        highest = 0;
        uint256[64] storage v = s.epoch.registeredAt;
        // Overflow not possible: w < 16.
        unchecked {
            for (uint256 q; q < 4; ++q) {
                uint256 word = v[4 * w + q];
                for (uint256 r; r < 4; ++r) {
                    uint256 x = uint64(word >> (64 * r));
                    reg[4 * q + r] = x;
                    if (x > highest) highest = x;
                }
            }
        }
    }

    /// The weights of every row in word-column `w` with masked lanes cleared: columns past `n`, the diagonal (except
    /// the owner's) and columns registered at or after the row's threshold (outdated weights, commit-reveal).
    function _maskedWeights(Context memory c, uint256 w, uint256[16] memory reg, uint256 highest)
        private
        view
        returns (uint256[] memory words)
    {
        uint256 rowCount = c.rowCount;
        words = new uint256[](rowCount);
        uint256[] memory weightSlots = c.weightSlots;
        uint256[] memory rowUid = c.rowUid;
        uint256[] memory threshold = c.threshold;
        uint256 owner = c.owner;
        // Overflow not possible: w < 16 and n <= 256, so 16 * w < n.
        uint256 live;
        unchecked {
            live = c.n < 16 * w + 16 ? (uint256(1) << (16 * (c.n - 16 * w))) - 1 : type(uint256).max;
        }
        assembly ("memory-safe") {
            for { let o := 0x20 } lt(o, add(0x20, shl(5, rowCount))) { o := add(o, 0x20) } {
                let word := and(sload(add(mload(add(weightSlots, o)), w)), live)
                let uid := mload(add(rowUid, o))
                // The row's own lane, unless the row is the owner's.
                let own := and(eq(shr(4, uid), w), iszero(eq(uid, owner)))
                word := and(word, not(mul(shl(shl(4, and(uid, 15)), 0xffff), own)))
                let th := mload(add(threshold, o))
                if iszero(lt(highest, th)) {
                    for { let l := 0 } lt(l, 16) { l := add(l, 1) } {
                        if iszero(lt(mload(add(reg, shl(5, l))), th)) { word := and(word, not(shl(shl(4, l), 0xffff))) }
                    }
                }
                mstore(add(words, o), word)
            }
        }
    }

    /// Each row's sum of unmasked weights: the sum kept with its weights, less the lanes the epoch masks (its own
    /// UID's, unless the owner's, and those of UIDs registered at or after its threshold). Only the words holding a
    /// masked lane are read: the row's diagonal word, and the words of UIDs registered since its threshold; at worst
    /// (every word of every row) 1,040 reads, about 2.8M gas.
    ///
    /// Called by the start with `gasStart` its first `gasleft()`, it returns no sums (an empty array) when their reads
    /// might take the start past START_GAS; called by a step, with NO_BUDGET, it always derives them.
    function _rowSums(
        SubnetState storage s,
        uint256 rows,
        uint256 owner,
        uint256[] memory threshold,
        uint256 n,
        uint256 gasStart
    ) private view returns (uint256[] memory sums) {
        (uint256[] memory registeredAt, uint256[] memory latest, uint256[] memory recent) = _recent(s, threshold, n);
        if (gasStart != NO_BUDGET) {
            uint256 bound = threshold.length * (ROW_SUM_GAS + recent.length * ROW_SUM_WORD_GAS);
            if (gasStart - gasleft() + bound > START_GAS) return new uint256[](0);
        }
        sums = new uint256[](threshold.length);
        uint256 k;
        for (uint256 i; k < sums.length; ++i) {
            if (rows & (uint256(1) << i) == 0) continue;
            sums[k] = _maskedSum(s, i, threshold[k], i == owner ? NO_OWNER : i, registeredAt, latest, recent);
            ++k;
        }
    }

    /// The word-columns with a registration at or after the lowest threshold (`recent`, each word-column's latest
    /// registration in `latest`), and the registration blocks of their UIDs (the others' left zero): a row reads no
    /// word registered before its threshold.
    function _recent(SubnetState storage s, uint256[] memory threshold, uint256 n)
        private
        view
        returns (uint256[] memory registeredAt, uint256[] memory latest, uint256[] memory recent)
    {
        EpochScratch storage e = s.epoch;
        uint256 lowest = type(uint256).max;
        for (uint256 k; k < threshold.length; ++k) {
            if (threshold[k] < lowest) lowest = threshold[k];
        }
        latest = _latestRegistered(e, (n + 15) >> 4);
        recent = new uint256[](latest.length);
        uint256 count;
        for (uint256 w; w < latest.length; ++w) {
            if (latest[w] >= lowest) recent[count++] = w;
        }
        registeredAt = new uint256[](n);
        for (uint256 r; r < count; ++r) {
            uint256 w = recent[r];
            uint256 end = n < 16 * w + 16 ? n : 16 * w + 16;
            for (uint256 j = 16 * w; j < end; ++j) registeredAt[j] = uint64(e.registeredAt[j >> 2] >> (64 * (j & 3)));
        }
        assembly ("memory-safe") {
            mstore(recent, count)
        }
    }

    /// Row `i`'s kept weight sum less its masked lanes: column `diagonal` (NO_OWNER for none), whose weight is kept
    /// with the sum, and the columns registered at or after `th`, read from their words (of the word-columns
    /// `recent`, those whose `latest` registration is not before `th`). The sum's field is taken whole, so the
    /// row's zeros flag (see {WeightSums}) comes along at bit 29 for the row vectors.
    function _maskedSum(
        SubnetState storage s,
        uint256 i,
        uint256 th,
        uint256 diagonal,
        uint256[] memory registeredAt,
        uint256[] memory latest,
        uint256[] memory recent
    ) private view returns (uint256 sum) {
        uint256 kept = s.weightSums[i];
        sum = uint128(kept);
        if (sum == 0) return 0;
        uint256[16] storage row = s.weights[i];
        // The diagonal's weight is subtracted once: from what is kept, unless its lane is read with the others.
        bool diagonalRead;
        for (uint256 r; r < recent.length; ++r) {
            uint256 w = recent[r];
            if (latest[w] < th) continue;
            uint256 mask;
            uint256 lanes = registeredAt.length - 16 * w;
            if (lanes > 16) lanes = 16;
            // The start's one loop per row and recent word-column: a lane a few operations.
            assembly ("memory-safe") {
                let p := add(add(registeredAt, 0x20), shl(9, w))
                for { let l := 0 } lt(l, lanes) { l := add(l, 1) } {
                    if iszero(lt(mload(add(p, shl(5, l))), th)) { mask := or(mask, shl(shl(4, l), 0xffff)) }
                }
            }
            if (diagonal >> 4 == w && mask & (U16_MAX << (16 * (diagonal & 15))) != 0) diagonalRead = true;
            if (mask != 0) sum -= EpochMath.sumLanes(row[w] & mask);
        }
        if (diagonal != NO_OWNER && !diagonalRead) sum -= kept >> 128;
    }

    /// Row-normalised weights of word-column `w` into `c.cells`, two columns a word: row k of columns 2q and 2q + 1
    /// at `cells[q * rowCount + k]`, the even column in the low 128 bits; returns the number of lanes.
    function _normalisedChunk(SubnetState storage s, Context memory c, uint256 w) private view returns (uint256) {
        (uint256[16] memory reg, uint256 highest) = _registered(s, c, w);
        uint256 rowCount = c.rowCount;
        uint256[] memory cells = c.cells;
        uint256[] memory words = _maskedWeights(c, w, reg, highest);
        for (uint256 k; k < rowCount; ++k) {
            uint256 word = words[k];
            uint256 sum = c.rowSum[k];
            // divFixed(v, sum) = floor(v * 2^32 / sum); sum >= v > 0 when v survives the mask, and a masked lane
            // (v = 0) gives 0 even when sum = 0 (the EVM's division by zero is 0), so no lane needs a branch. Four
            // lanes (two pairs) an iteration to cut the loop's overhead.
            assembly ("memory-safe") {
                let p := add(add(cells, 0x20), shl(5, k))
                let stride := shl(5, rowCount)
                let stride2 := shl(1, stride)
                let last := add(p, shl(3, stride))
                for {} lt(p, last) { p := add(p, stride2) } {
                    mstore(
                        p,
                        or(
                            div(shl(32, and(word, 0xffff)), sum),
                            shl(128, div(shl(32, and(shr(16, word), 0xffff)), sum))
                        )
                    )
                    mstore(
                        add(p, stride),
                        or(
                            div(shl(32, and(shr(32, word), 0xffff)), sum),
                            shl(128, div(shl(32, and(shr(48, word), 0xffff)), sum))
                        )
                    )
                    word := shr(64, word)
                }
            }
        }
        uint256 lanes = c.n - (w << 4);
        return lanes > 16 ? 16 : lanes;
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

    function _consensus(SubnetState storage s, Context memory c, uint256 w, uint256[] calldata given)
        private
        returns (uint256)
    {
        MedianInputs memory m = _median(c);
        m.minority = m.stakeSum - int256(EpochMath.proportion(s.params.kappa));
        EpochScratch storage e = s.epoch;
        for (; w < c.words; ++w) {
            if (!_take(c, COST_CHUNK + c.rowCount * COST_CONSENSUS)) break;
            uint256 lanes = _normalisedChunk(s, c, w);
            // The caller's guesses, else the previous epoch's consensus, read before it is overwritten (these slots
            // are written below, so reading them first adds no cold access).
            uint256[4] memory hints;
            uint256[4] memory previous;
            for (uint256 q; q < 4; ++q) {
                previous[q] = e.consensus[4 * w + q];
                hints[q] = 4 * w + q < given.length ? given[4 * w + q] : previous[q];
            }
            // Trust is only shown (the metagraph's u16), so it is kept as u16s, the word-column's in one word.
            ChunkResults memory out;
            // Columns 2q and 2q + 1 sit in the same word of the guesses, at shifts 64 * (2q & 3) and 64 more.
            for (uint256 q; 2 * q < lanes; ++q) {
                uint256 shift = 128 * (q & 1);
                uint256 pairHints = uint128(hints[q >> 1] >> shift);
                _consensusPair(c, m, 2 * q, pairHints, uint128(previous[q >> 1] >> shift), 2 * q + 1 < lanes, out);
            }
            for (uint256 q; q < 4; ++q) {
                e.consensus[4 * w + q] = out.cons[q];
                e.ranks[4 * w + q] = out.ranks[q];
                if (out.cons[q] != 0) c.consensusNonzero = true;
            }
            e.trust[w] = out.trust;
        }
        if (c.consensusNonzero && !e.consensusNonzero) e.consensusNonzero = true;
        // The paired passes' clipped weights join the validator trust, both halves.
        uint256[] memory rowTrust = c.rowTrust;
        uint256[] memory trustPairs = c.trustPairs;
        for (uint256 k; k < c.rowCount; ++k) {
            uint256 pair = trustPairs[k];
            rowTrust[k] += uint128(pair) + (pair >> 128);
        }
        return w;
    }

    /// A chunk's results, as the epoch keeps them: consensus and ranks (with the consensus as a u16) 64 bits a UID,
    /// trust a u16 a UID.
    struct ChunkResults {
        uint256[4] cons;
        uint256[4] ranks;
        uint256 trust;
    }

    /// Columns `l` and `l + 1` of the consensus pass (the second only when `two`) into `out`. `hints` and `previous`
    /// hold the two columns' guesses, 64 bits each, the first low.
    ///
    /// The guesses are tried first, both columns in one pass over the rows (see {_clipPairAtGuess}); a column whose
    /// guess fails goes the way of a single column ({_columnFallback}). Outside the stake (the minority below zero or
    /// at the whole stake), where the median is an extreme score, every column is selected.
    function _consensusPair(
        Context memory c,
        MedianInputs memory m,
        uint256 l,
        uint256 hints,
        uint256 previous,
        bool two,
        ChunkResults memory out
    ) private pure {
        bool inRange = m.minority >= 0 && m.minority < m.stakeSum;
        uint256 found;
        uint256 sums;
        if (inRange) (found, sums) = _clipPairAtGuess(c, m, l >> 1, (hints & U64_MAX) | ((hints >> 64) << 128));
        for (uint256 h; h < (two ? 2 : 1); ++h) {
            if (found & (1 << h) != 0) {
                uint256 rank = uint48(sums >> (128 * h));
                _putColumn(c, out, l + h, uint64(hints >> (64 * h)), rank, uint48(sums >> (48 + 128 * h)));
            } else {
                (uint256 consensus, uint256 rank, uint256 pre) =
                    _columnFallback(c, m, l >> 1, h, hints, previous, inRange);
                _putColumn(c, out, l + h, consensus, rank, pre);
            }
        }
    }

    /// Column `column`'s consensus, rank and trust into `out`, its rank into the sum.
    function _putColumn(
        Context memory c,
        ChunkResults memory out,
        uint256 column,
        uint256 consensus,
        uint256 rank,
        uint256 pre
    ) private pure {
        uint256 shift = 64 * (column & 3);
        out.cons[column >> 2] |= consensus << shift;
        out.ranks[column >> 2] |= (rank | (EpochMath.toU16(consensus) << RANK_CONSENSUS_SHIFT)) << shift;
        // divFixed(rank, pre): rank <= pre, so at most 1.
        out.trust |= EpochMath.toU16(pre == 0 ? 0 : (rank << 32) / pre) << (16 * column);
        c.rankSum += rank;
    }

    /// Half `h` of the column pair `pair`, whose guess (in `hints`) failed or was not tried (outside the stake):
    /// unpacked, the previous epoch's consensus (in `previous`) tried in turn, else its median selected and the column
    /// clipped at it.
    function _columnFallback(
        Context memory c,
        MedianInputs memory m,
        uint256 pair,
        uint256 h,
        uint256 hints,
        uint256 previous,
        bool inRange
    ) private pure returns (uint256 consensus, uint256 rank, uint256 pre) {
        _unpackColumn(c, pair, h, inRange ? uint64(hints >> (64 * h)) : NO_GUESS);
        consensus = uint64(previous >> (64 * h));
        bool found;
        if (inRange && consensus != uint64(hints >> (64 * h))) (found, rank, pre) = _clipAtGuess(c, m, consensus);
        if (found) return (consensus, rank, pre);
        consensus = EpochMath.weightedMedian(c.column, 0, m);
        (rank, pre) = _clip(c, consensus);
    }

    /// Clips the column pair `pair` at `guesses` (the even column's low, the odd column's high) and sums, in the same
    /// pass, for each column: its rank and pre-rank (as {_clip}), and the median's stake of the rows below the guess
    /// and at or below it. A guess is its column's weighted median when that stake interval holds the minority (it is
    /// unique, so no wrong guess passes). The clipped weights go to `c.trustPairs`; a column whose guess fails has them
    /// taken back when it is unpacked ({_unpackColumn}). Returns the columns confirmed (bit 0 the even, bit 1 the odd) and the sums of ranks and pre-ranks
    /// (the even column's at bits 0 and 48, the odd column's at 128 and 176).
    ///
    /// Both columns move through one word per row: a value is at most 2^32 and a product of a stake and a value below
    /// 2^65, so a half never carries into the other. The comparison with the guesses is a subtraction from the
    /// guesses with bit 127 of each half set: that bit survives exactly where the value is at most the guess, and
    /// times 2^128 - 1 it masks the half in which the value is kept. A product is floored by clearing its low 32 bits
    /// and moved to its place by one shift; every sum (of floored terms, or of stakes) is at most 2^32, as the stakes
    /// sum to at most one, so each fits its field.
    function _clipPairAtGuess(Context memory c, MedianInputs memory m, uint256 pair, uint256 guesses)
        private
        pure
        returns (uint256 found, uint256 sums)
    {
        // The median's stake at or below each guess at bits 0 and 128, below it at bits 64 and 192.
        uint256 stakes;
        (sums, stakes) = _pairSums(c, m, pair, guesses);
        uint256 target = uint256(m.minority);
        for (uint256 h; h < 2; ++h) {
            uint256 half = stakes >> (128 * h);
            if (uint64(half >> 64) <= target && target < uint64(half)) found |= 1 << h;
        }
    }

    /// The paired pass of {_clipPairAtGuess}: the clipped weights into `c.trustPairs`, and the sums.
    function _pairSums(Context memory c, MedianInputs memory m, uint256 pair, uint256 guesses)
        private
        pure
        returns (uint256 sums, uint256 stakes)
    {
        uint256 rowCount = c.rowCount;
        uint256[] memory cells = c.cells;
        uint256[] memory active = c.active;
        uint256[] memory stake = m.stake;
        uint256[] memory trustPairs = c.trustPairs;
        assembly ("memory-safe") {
            function pass(p, end, act, st, tr, g) -> rp, stk {
                let atMost := or(g, 0x8000000000000000000000000000000080000000000000000000000000000000)
                for {} lt(p, end) { p := add(p, 0x20) } {
                    let v := mload(p)
                    let kept := and(shr(127, sub(atMost, v)), 0x100000000000000000000000000000001)
                    let clipped := xor(g, and(xor(v, g), mul(kept, 0xffffffffffffffffffffffffffffffff)))
                    mstore(add(p, tr), add(mload(add(p, tr)), clipped))
                    let a := mload(add(p, act))
                    rp := add(
                        rp,
                        add(
                            shr(32, and(mul(a, clipped), FLOOR_PAIR)),
                            shl(16, and(mul(a, v), FLOOR_PAIR))
                        )
                    )
                    a := mload(add(p, st))
                    let under := and(
                        shr(127, sub(sub(atMost, 0x100000000000000000000000000000001), v)),
                        0x100000000000000000000000000000001
                    )
                    stk := add(stk, mul(a, or(kept, shl(64, under))))
                }
            }
            let first := add(add(cells, 0x20), shl(5, mul(pair, rowCount)))
            sums, stakes := pass(
                first,
                add(first, shl(5, rowCount)),
                sub(add(active, 0x20), first),
                sub(add(stake, 0x20), first),
                sub(add(trustPairs, 0x20), first),
                guesses
            )
        }
    }

    /// Half `h` of the column pair `pair` into `c.column`; when `clippedAt` is not NO_GUESS, the paired pass clipped
    /// the column there (and the guess failed), so its clipped weights are taken back from `c.trustPairs`.
    function _unpackColumn(Context memory c, uint256 pair, uint256 h, uint256 clippedAt) private pure {
        uint256 rowCount = c.rowCount;
        uint256[] memory cells = c.cells;
        uint256[] memory column = c.column;
        uint256[] memory trustPairs = c.trustPairs;
        uint256 shift = 128 * h;
        bool takeBack = clippedAt != NO_GUESS;
        assembly ("memory-safe") {
            let p := add(add(cells, 0x20), shl(5, mul(pair, rowCount)))
            let end := add(p, shl(5, rowCount))
            let out := sub(add(column, 0x20), p)
            let tr := sub(add(trustPairs, 0x20), p)
            for {} lt(p, end) { p := add(p, 0x20) } {
                let v := and(shr(shift, mload(p)), 0xffffffffffffffffffffffffffffffff)
                mstore(add(p, out), v)
                if takeBack {
                    let t := add(p, tr)
                    mstore(t, sub(mload(t), shl(shift, xor(v, mul(xor(v, clippedAt), gt(v, clippedAt))))))
                }
            }
        }
    }

    /// Clips `c.column` at `guess` as {_clip} does and sums, in the same pass, the median's stake of the rows below
    /// it and at or below it, as {_clipPairAtGuess} does for two columns. A wrong guess takes its clipped weights back
    /// from the validator trust.
    function _clipAtGuess(Context memory c, MedianInputs memory m, uint256 guess)
        private
        pure
        returns (bool found, uint256 rank, uint256 pre)
    {
        if (guess == 0) return (false, 0, 0);
        uint256[] memory cells = c.column;
        uint256[] memory active = c.active;
        uint256[] memory rowTrust = c.rowTrust;
        uint256[] memory stake = m.stake;
        uint256 rowCount = c.rowCount;
        // Two sums a word (the high 128 bits and the low), as each stays below 2^40: the products are at most 2^32
        // (a stake, or a median's stake, times a weight of at most one) over at most 256 rows; as in {_clip}, nothing
        // overflows.
        uint256 ranks;
        uint256 stakes;
        assembly ("memory-safe") {
            function pass(p, end, act, tr, st, g) -> r, s {
                for {} lt(p, end) { p := add(p, 0x20) } {
                    let v := mload(p)
                    let above := gt(v, g)
                    let clipped := xor(v, mul(xor(v, g), above))
                    let t := add(p, tr)
                    mstore(t, add(mload(t), clipped))
                    let a := mload(add(p, act))
                    // The pre-rank high, the rank low.
                    r := add(r, or(shl(128, shr(32, mul(a, v))), shr(32, mul(a, clipped))))
                    a := mload(add(p, st))
                    // The stake below the guess high, at or below it low.
                    s := add(s, or(shl(128, mul(a, lt(v, g))), mul(a, iszero(above))))
                }
            }
            let first := add(cells, 0x20)
            ranks, stakes := pass(
                first,
                add(first, shl(5, rowCount)),
                sub(add(active, 0x20), first),
                sub(add(rowTrust, 0x20), first),
                sub(add(stake, 0x20), first),
                guess
            )
        }
        uint256 target = uint256(m.minority);
        if (stakes >> 128 <= target && target < uint128(stakes)) return (true, uint128(ranks), ranks >> 128);
        _unclip(c, guess);
        return (false, 0, 0);
    }

    /// Takes back from the rows' validator trust the weights of `c.column` clipped at `guess`.
    function _unclip(Context memory c, uint256 guess) private pure {
        uint256[] memory cells = c.column;
        uint256[] memory rowTrust = c.rowTrust;
        uint256 rowCount = c.rowCount;
        assembly ("memory-safe") {
            let p := add(cells, 0x20)
            let end := add(p, shl(5, rowCount))
            let tr := sub(add(rowTrust, 0x20), p)
            for {} lt(p, end) { p := add(p, 0x20) } {
                let v := mload(p)
                let t := add(p, tr)
                mstore(t, sub(mload(t), xor(v, mul(xor(v, guess), gt(v, guess)))))
            }
        }
    }

    /// Clips `c.column` at its consensus: adds the clipped weights to the rows' validator trust and returns the
    /// column's rank (stake times clipped weights) and pre-rank (stake times weights).
    function _clip(Context memory c, uint256 consensus) private pure returns (uint256 rank, uint256 pre) {
        uint256[] memory cells = c.column;
        uint256[] memory active = c.active;
        uint256[] memory rowTrust = c.rowTrust;
        uint256 rowCount = c.rowCount;
        // Overflow not possible: values are at most 2^32 (normalised), stakes sum to at most 2^32. The offsets from
        // the column to `active` and `rowTrust` may wrap, and wrap back when added to an address inside the column.
        assembly ("memory-safe") {
            let p := add(cells, 0x20)
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

    /// Parameters of the bonds pass: those of the step, then those of the column under way. The sweeps read them in
    /// assembly, each at its offset below: a memory struct gives every field a word, bools too, in declaration
    /// order, so a field added, moved or removed moves the offsets after it (test/subnets/EpochLayout.t.sol holds
    /// each offset to its field, and BP_SIZE to the struct's size).
    ///
    /// | offset | field         | constant           | set by          | read in assembly by            |
    /// |--------|---------------|--------------------|-----------------|--------------------------------|
    /// | 0x000  | penalty       | BP_PENALTY         | {_bondParams}   | {_bondsColumn}, {_yuma3Column} |
    /// | 0x020  | alpha         | BP_ALPHA           | {_bondParams}   | {_bondsColumn}, {_yuma3Column} |
    /// | 0x040  | oneMinusAlpha | BP_ONE_MINUS_ALPHA | {_bondParams}   | {_bondsColumn}, {_yuma3Column} |
    /// | 0x060  | lastTempo     | BP_LAST_TEMPO      | {_bondParams}   | -                              |
    /// | 0x080  | newPermits    | BP_NEW_PERMITS     | {_bondParams}   | -                              |
    /// | 0x0a0  | shift         | BP_SHIFT           | {_bondsColumns} | {_bondsColumn}, {_yuma3Column} |
    /// | 0x0c0  | consensus     | BP_CONSENSUS       | {_bondsColumns} | {_bondsColumn}, {_yuma3Column} |
    /// | 0x0e0  | incentive     | BP_INCENTIVE       | {_bondsColumns} | {_bondsColumn}, {_yuma3Column} |
    /// | 0x100  | bondSum       | BP_BOND_SUM        | {_bondsColumns} | {_bondsColumn}                 |
    /// | 0x120  | evenSums      | BP_EVEN_SUMS       | {_bondsChunk}   | -                              |
    /// | 0x140  | oddSums       | BP_ODD_SUMS        | {_bondsChunk}   | -                              |
    /// | 0x160  | yuma3         | BP_YUMA3           | {_bondParams}   | -                              |
    /// | 0x180  | rank          | BP_RANK            | {_bondsColumns} | {_bondsColumn} (the delta sum) |
    /// | 0x1a0  | liquid        | BP_LIQUID          | {_bondParams}   | {_yuma3Column}                 |
    /// | 0x1c0  | alphaLow      | BP_ALPHA_LOW       | {_bondParams}   | {_yuma3Column}                 |
    /// | 0x1e0  | alphaHigh     | BP_ALPHA_HIGH      | {_bondParams}   | {_yuma3Column}                 |
    /// | 0x200  | slope         | BP_SLOPE           | {_bondParams}   | {_yuma3Column}                 |
    ///
    /// The penalty, at offset 0, is read at the struct's address itself (`mload(p)`): the compiler keeps an added 0,
    /// and the read sits in the epoch's hottest loops; the layout test keeps BP_PENALTY at 0.
    struct BondParams {
        /// Bonds penalty (I32F32, at most 1).
        uint256 penalty;
        /// Moving average weight of the new deltas and its complement (I32F32, both in [0, 1]).
        uint256 alpha;
        uint256 oneMinusAlpha;
        uint256 lastTempo;
        uint256 newPermits;
        /// Column: bit of its lane in the rows' words, its consensus, incentive and the sum of its old bonds.
        uint256 shift;
        uint256 consensus;
        uint256 incentive;
        uint256 bondSum;
        /// Word-column: the column sums of its old bonds, even and odd lanes in 32-bit lanes.
        uint256 evenSums;
        uint256 oddSums;
        /// Whether the bonds follow Yuma3 (see {_yuma3Column}).
        bool yuma3;
        /// Column: its rank before normalisation (see {_bondsColumn}).
        uint256 rank;
        /// Whether each Yuma3 bond moves by its own alpha (liquid alpha on, and some consensus nonzero), between
        /// these bounds (I32F32), along a sigmoid of slope -steepness / 100 (I32F32, negative, two's complement).
        bool liquid;
        uint256 alphaLow;
        uint256 alphaHigh;
        uint256 slope;
    }

    // Byte offsets of the fields of {BondParams} (the table above), and its size (17 words). Inline assembly takes
    // only constants that are plain numbers, so each is written out rather than derived from the one before.
    uint256 internal constant BP_PENALTY = 0x000;
    uint256 internal constant BP_ALPHA = 0x020;
    uint256 internal constant BP_ONE_MINUS_ALPHA = 0x040;
    uint256 internal constant BP_LAST_TEMPO = 0x060;
    uint256 internal constant BP_NEW_PERMITS = 0x080;
    uint256 internal constant BP_SHIFT = 0x0a0;
    uint256 internal constant BP_CONSENSUS = 0x0c0;
    uint256 internal constant BP_INCENTIVE = 0x0e0;
    uint256 internal constant BP_BOND_SUM = 0x100;
    uint256 internal constant BP_EVEN_SUMS = 0x120;
    uint256 internal constant BP_ODD_SUMS = 0x140;
    uint256 internal constant BP_YUMA3 = 0x160;
    uint256 internal constant BP_RANK = 0x180;
    uint256 internal constant BP_LIQUID = 0x1a0;
    uint256 internal constant BP_ALPHA_LOW = 0x1c0;
    uint256 internal constant BP_ALPHA_HIGH = 0x1e0;
    uint256 internal constant BP_SLOPE = 0x200;
    uint256 internal constant BP_SIZE = 0x220;

    /// A row's record in the bonds pass. The pass keeps the records of all rows back to back in one `uint256[]`
    /// (`rec`, RECORD bytes each, an even number of them), so that its sweeps walk them by address and take two a
    /// turn; it never allocates this struct, which draws the layout for the compiler and the layout test.
    ///
    /// | offset | next  | field       | constant         | holds                                                     |
    /// |--------|-------|-------------|------------------|-----------------------------------------------------------|
    /// | 0x00   | 0x100 | weights     | REC_WEIGHTS      | the row's masked weight word of the word-column           |
    /// | 0x20   | 0x120 | bonds       | REC_BONDS        | its old bond word, masked (registrations, entries)        |
    /// | 0x40   | 0x140 | weightSum   | REC_WEIGHT_SUM   | its masked weight sum (`c.rowSum`)                        |
    /// | 0x60   | 0x160 | stake       | REC_STAKE        | its normalised active stake (`c.active`)                  |
    /// | 0x80   | 0x180 | dividends   | REC_DIVIDENDS    | its dividends so far (`c.dividends`, copied back)         |
    /// | 0xa0   | 0x1a0 | newBonds    | REC_NEW_BONDS    | its new bond word, built a lane per column                |
    /// | 0xc0   | 0x1c0 | cell        | REC_CELL         | a column's scratch: the delta, then the average           |
    /// | 0xe0   | 0x1e0 | storedBonds | REC_STORED_BONDS | its bond word as stored (written back only if it changes) |
    ///
    /// A record is RECORD (0x100) bytes, 8 words, and a turn of the sweeps RECORD_PAIR (0x200). The sweeps reach the
    /// turn's second record at the offsets NEXT_* (column "next": RECORD + the field's offset), written out as
    /// constants because the compiler keeps `add(RECORD, REC_STAKE)` as an addition in the hot loops; for the same
    /// reason the weights, at offset 0, are read at the record's address itself (`mload(r)`). The layout test holds
    /// every one of these to the struct.
    struct BondRecord {
        uint256 weights;
        uint256 bonds;
        uint256 weightSum;
        uint256 stake;
        uint256 dividends;
        uint256 newBonds;
        uint256 cell;
        uint256 storedBonds;
    }

    // Byte offsets of the fields of {BondRecord} (the table above), its size, and the offsets in the next record.
    uint256 internal constant REC_WEIGHTS = 0x00;
    uint256 internal constant REC_BONDS = 0x20;
    uint256 internal constant REC_WEIGHT_SUM = 0x40;
    uint256 internal constant REC_STAKE = 0x60;
    uint256 internal constant REC_DIVIDENDS = 0x80;
    uint256 internal constant REC_NEW_BONDS = 0xa0;
    uint256 internal constant REC_CELL = 0xc0;
    uint256 internal constant REC_STORED_BONDS = 0xe0;
    uint256 internal constant RECORD = 0x100;
    uint256 internal constant RECORD_PAIR = 0x200;
    uint256 internal constant NEXT_WEIGHTS = 0x100;
    uint256 internal constant NEXT_BONDS = 0x120;
    uint256 internal constant NEXT_WEIGHT_SUM = 0x140;
    uint256 internal constant NEXT_STAKE = 0x160;
    uint256 internal constant NEXT_DIVIDENDS = 0x180;
    uint256 internal constant NEXT_NEW_BONDS = 0x1a0;
    uint256 internal constant NEXT_CELL = 0x1c0;

    function _bondParams(SubnetState storage s) private view returns (BondParams memory p) {
        p.penalty = EpochMath.proportion(s.params.bondsPenalty);
        // alpha = 1 - I32F32(I64F64(bma) / I64F64(1e6)), the narrowing dropping 32 fractional bits. The
        // hyperparameter's bound (bma <= 1e6) keeps alpha in [0, 1], so no product of the pass is negative.
        uint256 bma64 = (uint256(s.params.bondsMovingAverage) << 64) / 1_000_000;
        p.alpha = ONE - (bma64 >> 32);
        p.oneMinusAlpha = ONE - p.alpha;
        p.lastTempo = s.epoch.lastTempo;
        p.newPermits = s.epoch.newPermits;
        p.yuma3 = s.params.yuma3;
        // subtensor falls back to the one alpha while every consensus is zero.
        if (p.yuma3 && s.params.liquidAlpha && s.epoch.consensusNonzero) {
            p.liquid = true;
            // I32F32(u16) / I32F32(65535), truncated; I32F32(steepness) / I32F32(-100), truncated towards zero.
            p.alphaLow = (uint256(s.params.alphaLow) << 32) / U16_MAX;
            p.alphaHigh = (uint256(s.params.alphaHigh) << 32) / U16_MAX;
            p.slope = uint256(-int256((uint256(s.params.alphaSigmoidSteepness) << 32) / 100));
        }
    }

    function _bonds(SubnetState storage s, Context memory c, uint256 w) private returns (uint256) {
        BondParams memory p = _bondParams(s);
        uint256 rowCount = c.rowCount;
        // An even number of records (a last one all zero, which adds nothing), so that the sweeps take two rows a
        // turn.
        uint256[] memory rec = new uint256[](((rowCount + 1) & ~uint256(1)) * (RECORD >> 5));
        {
            uint256[] memory rowSum = c.rowSum;
            uint256[] memory active = c.active;
            uint256[] memory dividends = c.dividends;
            assembly ("memory-safe") {
                for { let k := 0 } lt(k, rowCount) { k := add(k, 1) } {
                    let r := add(add(rec, 0x20), mul(k, RECORD))
                    let o := shl(5, add(k, 1))
                    mstore(add(r, REC_WEIGHT_SUM), mload(add(rowSum, o)))
                    mstore(add(r, REC_STAKE), mload(add(active, o)))
                    mstore(add(r, REC_DIVIDENDS), mload(add(dividends, o)))
                }
            }
        }
        uint256 base = COST_CHUNK + rowCount * (p.liquid ? COST_BONDS + COST_LIQUID : COST_BONDS);
        for (; w < c.words; ++w) {
            bool first = !c.progressed;
            uint256 used = c.gasStart - gasleft();
            if (!_take(c, base)) break;
            // Filling an empty bond slot costs more than rewriting one; how many a chunk fills is known once its old
            // bonds are read, so the chunk stops there (its reads to be done again by the next step) when they do not
            // fit. A step's first chunk always completes.
            uint256 room = used + base * UNIT < STEP_GAS ? STEP_GAS - used - base * UNIT : 0;
            if (!_bondsChunk(s, c, p, rec, w, first ? type(uint256).max : room / (COST_FRESH_BOND * UNIT))) break;
        }
        for (uint256 k; k < rowCount; ++k) {
            // The record's dividends, its word 4 (REC_DIVIDENDS / 32: the layout test holds it there; a constant in
            // place of the 4 costs a byte of code more).
            uint256 d = rec[(RECORD >> 5) * k + 4];
            // Yuma3 weighs each row's bonds by its active stake once they are complete: floor(total * stake).
            if (p.yuma3 && w == c.words) d = (d * c.active[k]) >> 32;
            c.dividends[k] = d;
        }
        return w;
    }

    /// The bonds pass over word-column `w`: each row's weights and old bonds into its record, the 16 columns, and the
    /// new bond words written back; or, when more than `maxFresh` of those words would fill empty slots, nothing past
    /// the reads (returns false).
    function _bondsChunk(
        SubnetState storage s,
        Context memory c,
        BondParams memory p,
        uint256[] memory rec,
        uint256 w,
        uint256 maxFresh
    ) private returns (bool) {
        {
            (uint256[16] memory reg, uint256 highest) = _registered(s, c, w);
            uint256 lanes = c.n - (w << 4);
            if (lanes > 16) lanes = 16;
            // Old bonds of a UID registered since the last epoch are dropped: lanes kept in `keep`.
            uint256 keep;
            for (uint256 l; l < lanes; ++l) {
                if (p.lastTempo > reg[l]) keep |= U16_MAX << (16 * l);
            }
            uint256 fresh;
            (p.evenSums, p.oddSums, fresh) = _bondRecords(c, rec, w, keep, reg, highest);
            if (fresh > maxFresh) return false;
            _bondsColumns(s, c, p, rec, w, lanes);
        }
        // A row without a permit for the next epoch keeps no bonds; a word is written only when it changes.
        uint256 newPermits = p.newPermits;
        uint256 rowCount = c.rowCount;
        uint256[] memory rowUid = c.rowUid;
        uint256[] memory bondSlots = c.bondSlots;
        assembly ("memory-safe") {
            for { let k := 0 } lt(k, rowCount) { k := add(k, 1) } {
                let o := add(0x20, shl(5, k))
                let r := add(add(rec, 0x20), mul(k, RECORD))
                let word := mul(mload(add(r, REC_NEW_BONDS)), and(shr(mload(add(rowUid, o)), newPermits), 1))
                if iszero(eq(word, mload(add(r, REC_STORED_BONDS)))) { sstore(add(mload(add(bondSlots, o)), w), word) }
            }
        }
        return true;
    }

    /// Each row's masked weights and old bonds of word-column `w` into its record; returns the column sums of the
    /// old bonds, the even and the odd lanes in 32-bit lanes (at most 65 rows of u16 values, below 2^23, so no lane
    /// carries into the next), and the number of empty bond slots (which a new bond word would fill).
    function _bondRecords(
        Context memory c,
        uint256[] memory rec,
        uint256 w,
        uint256 keep,
        uint256[16] memory reg,
        uint256 highest
    ) private view returns (uint256 evenSums, uint256 oddSums, uint256 fresh) {
        uint256[] memory words = _maskedWeights(c, w, reg, highest);
        uint256[] memory bondSlots = c.bondSlots;
        uint256 rowCount = c.rowCount;
        for (uint256 k; k < rowCount; ++k) {
            uint256 r;
            assembly ("memory-safe") {
                r := add(add(rec, 0x20), mul(k, RECORD))
            }
            uint256 weight = words[k];
            uint256 old;
            assembly ("memory-safe") {
                old := sload(add(mload(add(bondSlots, add(0x20, shl(5, k)))), w))
            }
            uint256 bond = old & keep;
            // Overflow not possible: see above; fresh <= rowCount.
            unchecked {
                if (old == 0) ++fresh;
                evenSums += bond & EVEN_LANES;
                oddSums += (bond >> 16) & EVEN_LANES;
            }
            assembly ("memory-safe") {
                // The weights at the record's address: REC_WEIGHTS is 0 (see {BondRecord}).
                mstore(r, weight)
                mstore(add(r, REC_BONDS), bond)
                mstore(add(r, REC_NEW_BONDS), 0)
                mstore(add(r, REC_STORED_BONDS), old)
            }
        }
    }

    /// The columns of word-column `w`, with their consensus, incentive and old bond sum.
    function _bondsColumns(
        SubnetState storage s,
        Context memory c,
        BondParams memory p,
        uint256[] memory rec,
        uint256 w,
        uint256 lanes
    ) private view {
        EpochScratch storage e = s.epoch;
        uint256 end;
        assembly ("memory-safe") {
            end := add(add(rec, 0x20), shl(5, mload(rec)))
        }
        uint256 rankWord;
        uint256 consensusWord;
        // Overflow not possible: w < 16, l < 16; incentives are at most 2^32 each, 256 of them.
        unchecked {
            for (uint256 l; l < lanes; ++l) {
                uint256 shift = 64 * (l & 3);
                if (shift == 0) {
                    rankWord = e.ranks[4 * w + (l >> 2)];
                    consensusWord = e.consensus[4 * w + (l >> 2)];
                }
                uint256 rank = (rankWord >> shift) & RANK_BITS;
                // Ranks normalised: divFixed(rank, rankSum), rank <= rankSum.
                uint256 incentive = c.rankSum == 0 ? rank : (rank << 32) / c.rankSum;
                c.incentiveSum += incentive;
                p.incentive = incentive;
                p.rank = rank;
                p.consensus = uint64(consensusWord >> shift);
                p.shift = 16 * l;
                p.bondSum = uint32((l & 1 == 0 ? p.evenSums : p.oddSums) >> (16 * (l & ~uint256(1))));
                if (p.yuma3) {
                    // Liquid alpha moves the bonds of entries only, found once a word-column (see {_namedBonds}).
                    if (l == 0 && p.liquid) _namedBonds(s, c, p, rec, w);
                    _yuma3Column(rec, end, p);
                } else {
                    _bondsColumn(rec, end, p);
                }
            }
        }
    }

    /// One column of the bonds pass (the lane at bit `p.shift` of the rows' words), over the row records from `rec`
    /// to `end`, each a {BondRecord}: the row's masked weight and old bond words, its weight sum, active stake and
    /// dividends so far, its new bond word, a cell of scratch and its stored bond word.
    ///
    /// Three sweeps down the column, as the reference computes it:
    ///   1. the bonds delta of each row, active stake times the weight for bonds (the row-normalised weight v moved
    ///      towards its clipped value min(v, consensus) by the penalty: v + floor(penalty * (clipped - v))), and the
    ///      column sum of the deltas;
    ///   2. the moving average of the column-normalised delta and old bond:
    ///      floor(alpha * divFixed(delta, deltaSum)) + floor((1 - alpha) * divFixed(bond, bondSum));
    ///   3. the average normalised by its column sum: the dividends it earns the row (floor(incentive * x)) and its
    ///      max-upscaled u16 (fixed_proportion_to_u16(divFixed(x, colMax))) in the row's new bond word.
    /// A zero sum divides to zero (the EVM's division by zero), as every value over it is zero too. Each sweep takes
    /// two records a turn (there is an even number of them). Under the default full penalty the weight for bonds is
    /// the clipped weight, so a delta is exactly a term of the column's rank (floor(stake * clipped), summed over the
    /// same rows by the consensus pass): the rank is the delta sum, and sweeps 1 and 2 become one.
    function _bondsColumn(uint256[] memory rec, uint256 end, BondParams memory p) private pure {
        // Overflow not possible: weights are u16 and their normalisations, stakes, consensus, incentive, penalty and
        // alpha at most 2^32; clipped - v is negative and at least -2^32, so penalty * (clipped - v) >= -2^64 and the
        // arithmetic shift floors it; the weight for bonds is then at least the clipped weight, never negative. An
        // average x is at most the column max, so its upscaled u16 is at most 65535.
        assembly ("memory-safe") {
            // A record's weights are read at its address (REC_WEIGHTS is 0), the penalty at p's (BP_PENALTY is 0).
            function penalisedDelta(r, shift, consensus, penalty) -> delta {
                let v := div(shl(32, and(shr(shift, mload(r)), 0xffff)), mload(add(r, REC_WEIGHT_SUM)))
                let clipped := v
                if gt(v, consensus) { clipped := consensus }
                delta := shr(32, mul(add(v, sar(32, mul(penalty, sub(clipped, v)))), mload(add(r, REC_STAKE))))
                mstore(add(r, REC_CELL), delta)
            }
            let first := add(rec, 0x20)
            let shift := mload(add(p, BP_SHIFT))
            let consensus := mload(add(p, BP_CONSENSUS))
            let penalty := mload(p)
            let alpha := mload(add(p, BP_ALPHA))
            let oneMinusAlpha := mload(add(p, BP_ONE_MINUS_ALPHA))
            let bondSum := mload(add(p, BP_BOND_SUM))
            let emaSum := 0
            let emaMax := 0
            // The two rows of a turn are written out, one after the other: the hot loops of the epoch, where a call
            // would cost as much as the arithmetic.
            switch eq(penalty, 0x100000000)
            case 1 {
                let deltaSum := mload(add(p, BP_RANK))
                for { let r := first } lt(r, end) { r := add(r, RECORD_PAIR) } {
                    let v := div(shl(32, and(shr(shift, mload(r)), 0xffff)), mload(add(r, REC_WEIGHT_SUM)))
                    if gt(v, consensus) { v := consensus }
                    let a := add(
                        shr(32, mul(alpha, div(shl(32, shr(32, mul(v, mload(add(r, REC_STAKE))))), deltaSum))),
                        shr(32, mul(oneMinusAlpha, div(shl(32, and(shr(shift, mload(add(r, REC_BONDS))), 0xffff)), bondSum)))
                    )
                    mstore(add(r, REC_CELL), a)
                    v := div(shl(32, and(shr(shift, mload(add(r, NEXT_WEIGHTS))), 0xffff)), mload(add(r, NEXT_WEIGHT_SUM)))
                    if gt(v, consensus) { v := consensus }
                    let b := add(
                        shr(32, mul(alpha, div(shl(32, shr(32, mul(v, mload(add(r, NEXT_STAKE))))), deltaSum))),
                        shr(32, mul(oneMinusAlpha, div(shl(32, and(shr(shift, mload(add(r, NEXT_BONDS))), 0xffff)), bondSum)))
                    )
                    mstore(add(r, NEXT_CELL), b)
                    emaSum := add(emaSum, add(a, b))
                    if lt(a, b) { a := b }
                    if gt(a, emaMax) { emaMax := a }
                }
            }
            default {
                let deltaSum := 0
                for { let r := first } lt(r, end) { r := add(r, RECORD_PAIR) } {
                    deltaSum := add(
                        deltaSum,
                        add(
                            penalisedDelta(r, shift, consensus, penalty),
                            penalisedDelta(add(r, RECORD), shift, consensus, penalty)
                        )
                    )
                }
                for { let r := first } lt(r, end) { r := add(r, RECORD_PAIR) } {
                    let a := add(
                        shr(32, mul(alpha, div(shl(32, mload(add(r, REC_CELL))), deltaSum))),
                        shr(32, mul(oneMinusAlpha, div(shl(32, and(shr(shift, mload(add(r, REC_BONDS))), 0xffff)), bondSum)))
                    )
                    mstore(add(r, REC_CELL), a)
                    let b := add(
                        shr(32, mul(alpha, div(shl(32, mload(add(r, NEXT_CELL))), deltaSum))),
                        shr(32, mul(oneMinusAlpha, div(shl(32, and(shr(shift, mload(add(r, NEXT_BONDS))), 0xffff)), bondSum)))
                    )
                    mstore(add(r, NEXT_CELL), b)
                    emaSum := add(emaSum, add(a, b))
                    if lt(a, b) { a := b }
                    if gt(a, emaMax) { emaMax := a }
                }
            }
            // The column max of the normalised averages is the normalised column max (the quotient is monotone); a
            // zero column earns no dividends and leaves no bonds.
            let colMax := div(shl(32, emaMax), emaSum)
            if colMax {
                let incentive := mload(add(p, BP_INCENTIVE))
                // A zero average adds zero to both words, so every row goes through the same branchless body.
                for { let r := first } lt(r, end) { r := add(r, RECORD_PAIR) } {
                    let x := div(shl(32, mload(add(r, REC_CELL))), emaSum)
                    mstore(add(r, REC_DIVIDENDS), add(mload(add(r, REC_DIVIDENDS)), shr(32, mul(incentive, x))))
                    mstore(
                        add(r, REC_NEW_BONDS),
                        or(mload(add(r, REC_NEW_BONDS)), shl(shift, shr(32, mul(div(shl(32, x), colMax), 0xffff))))
                    )
                    x := div(shl(32, mload(add(r, NEXT_CELL))), emaSum)
                    mstore(add(r, NEXT_DIVIDENDS), add(mload(add(r, NEXT_DIVIDENDS)), shr(32, mul(incentive, x))))
                    mstore(
                        add(r, NEXT_NEW_BONDS),
                        or(mload(add(r, NEXT_NEW_BONDS)), shl(shift, shr(32, mul(div(shl(32, x), colMax), 0xffff))))
                    )
                }
            }
        }
    }

    /// Liquid alpha's bonds are those of the entries of the weights for bonds: subtensor's `mat_ema_alpha_sparse`
    /// writes a row's new bonds at the columns of its row of weights for bonds and nowhere else, so a bond on a cell
    /// that is no entry vanishes instead of decaying. A cell is an entry when its weight for bonds (wb) is positive,
    /// or when the row names its column with a zero weight and that entry reaches the weights for bonds (under a
    /// bonds penalty of 0 or 1: see {_zeroRows}); a column not named, or named with a weight the epoch masks, is none,
    /// and so is a weight whose wb comes out zero (subtensor's clipping at a zero consensus, or its interpolation,
    /// drops it from the sparse row). This clears in each row's record its old bonds of word-column `w` at the cells
    /// that are no entries, so that {_yuma3Column} moves exactly the cells with a positive wb or a bond left.
    function _namedBonds(
        SubnetState storage s,
        Context memory c,
        BondParams memory p,
        uint256[] memory rec,
        uint256 w
    ) private view {
        // A weight's wb is at least its column's consensus less 2^-32 (see {_vanishingLanes}): it can come out zero
        // only in a column whose consensus is 0 or 2^-32.
        uint256 fragile = _fragileColumns(s.epoch, c, w);
        // Found again each word-column, so that the passes of other epochs carry nothing more.
        uint256 zeroRows = p.penalty == 0 || p.penalty == ONE ? _zeroRows(s.epoch) : 0;
        if (zeroRows != 0 || fragile != 0) return _namedBondsExact(s, c, p, rec, w, fragile, zeroRows);
        // The common case, every row at once: a bond is kept where the row's masked weight is nonzero (the formula of
        // {EpochMath-nonzeroLanes}).
        uint256 rowCount = c.rowCount;
        uint256 low = EpochMath.LANES_LOW15;
        uint256 top = EpochMath.LANES_TOP;
        assembly ("memory-safe") {
            let end := add(add(rec, 0x20), mul(rowCount, RECORD))
            for { let r := add(rec, 0x20) } lt(r, end) { r := add(r, RECORD) } {
                // The record's weights, at its address (REC_WEIGHTS is 0).
                let x := mload(r)
                mstore(
                    add(r, REC_BONDS),
                    and(mload(add(r, REC_BONDS)), mul(shr(15, and(or(x, add(and(x, low), low)), top)), 0xffff))
                )
            }
        }
    }

    /// The rows whose weights name some UID with a zero weight: the {WeightSums} flag their sums carry into the row
    /// vectors (bit `k` for row `k`). Such an entry reaches the weights for bonds only under a bonds penalty of 0 (the
    /// weights themselves) or 1 (the clipped weights, where a zero stays): subtensor's interpolation between them
    /// keeps positive values only.
    function _zeroRows(EpochScratch storage e) private view returns (uint256 rows) {
        uint256 words = (uint256(e.rowCount) + 1) >> 1;
        // Overflow not possible: q < 128, so 2q + 1 < 256. A last word's empty high lane holds no flag.
        unchecked {
            for (uint256 q; q < words; ++q) {
                uint256 word = e.rowInputs[q];
                rows |= (((word >> ROW_ZEROS_SHIFT) & 1) | (((word >> (128 + ROW_ZEROS_SHIFT)) & 1) << 1)) << (2 * q);
            }
        }
    }

    /// The columns of word-column `w` whose consensus is at most 2^-32: bit `l` for lane `l`, and bit `16 + l` when
    /// that consensus is exactly 2^-32.
    function _fragileColumns(EpochScratch storage e, Context memory c, uint256 w) private view returns (uint256 fragile) {
        uint256 lanes = c.n - 16 * w;
        if (lanes > 16) lanes = 16;
        uint256 word;
        for (uint256 l; l < lanes; ++l) {
            if (l & 3 == 0) word = e.consensus[4 * w + (l >> 2)];
            uint256 consensus = uint64(word >> (64 * (l & 3)));
            if (consensus <= 1) fragile |= (uint256(1) << l) | (consensus << (16 + l));
        }
    }

    /// {_namedBonds} row by row: the lanes the rows `zeroRows` name with a zero weight kept too, and in the `fragile`
    /// columns (see {_fragileColumns}) the bonds of weights whose wb comes out zero cleared.
    function _namedBondsExact(
        SubnetState storage s,
        Context memory c,
        BondParams memory p,
        uint256[] memory rec,
        uint256 w,
        uint256 fragile,
        uint256 zeroRows
    ) private view {
        uint256[16] memory reg;
        uint256 highest;
        if (zeroRows != 0) (reg, highest) = _registered(s, c, w);
        for (uint256 k; k < c.rowCount; ++k) {
            uint256 r;
            uint256 x;
            assembly ("memory-safe") {
                r := add(add(rec, 0x20), mul(k, RECORD))
                // The record's weights, at its address (REC_WEIGHTS is 0).
                x := mload(r)
            }
            uint256 keep = EpochMath.nonzeroLanes(x);
            if ((zeroRows >> k) & 1 != 0) keep |= _zeroLanes(s, c, k, w, reg, highest);
            if (fragile != 0) keep &= ~_vanishingLanes(r, c.rowSum[k], fragile, p.penalty);
            assembly ("memory-safe") {
                mstore(add(r, REC_BONDS), and(mload(add(r, REC_BONDS)), keep))
            }
        }
    }

    /// The lanes, among the `fragile` columns (see {_fragileColumns}), where the record at `r` (its masked weights,
    /// summing to `sum`) has a nonzero weight whose weight for bonds comes out zero, as {_yuma3Column} computes it:
    /// wb = v + floor(penalty * (min(v, consensus) - v)), v the row-normalised weight. As penalty is at most 1,
    /// wb >= consensus - 2^-32 (the floor loses under 2^-32), which is why only these columns need looking at.
    function _vanishingLanes(uint256 r, uint256 sum, uint256 fragile, uint256 penalty)
        private
        pure
        returns (uint256 lanes)
    {
        assembly ("memory-safe") {
            // The record's weights, at its address (REC_WEIGHTS is 0).
            let x := mload(r)
            for { let l := 0 } lt(l, 16) { l := add(l, 1) } {
                let weight := and(shr(shl(4, l), x), 0xffff)
                if and(and(shr(l, fragile), 1), gt(weight, 0)) {
                    let v := div(shl(32, weight), sum)
                    let consensus := and(shr(add(16, l), fragile), 1)
                    let clipped := v
                    if gt(v, consensus) { clipped := consensus }
                    if iszero(add(v, sar(32, mul(penalty, sub(clipped, v))))) { lanes := or(lanes, shl(shl(4, l), 0xffff)) }
                }
            }
        }
    }

    /// The lanes of word-column `w` that row `k` names with a zero weight, less those the epoch masks as it masks
    /// weights (see {_maskedWeights}): columns past `n`, the row's own (unless the owner's) and those registered at
    /// or after the row's threshold.
    function _zeroLanes(
        SubnetState storage s,
        Context memory c,
        uint256 k,
        uint256 w,
        uint256[16] memory reg,
        uint256 highest
    ) private view returns (uint256 lanes) {
        uint256 uid = c.rowUid[k];
        uint256 bits = (s.weightZeros[uid] >> (16 * w)) & U16_MAX;
        uint256 live = c.n - 16 * w;
        if (live < 16) bits &= (uint256(1) << live) - 1;
        if (uid >> 4 == w && uid != c.owner) bits &= ~(uint256(1) << (uid & 15));
        uint256 th = c.threshold[k];
        for (uint256 l; l < 16; ++l) {
            if ((bits >> l) & 1 == 0) continue;
            if (highest >= th && reg[l] >= th) continue;
            lanes |= U16_MAX << (16 * l);
        }
    }

    /// One column of the Yuma3 bonds pass, over the same records as {_bondsColumn}. Yuma3 keeps each bond as a
    /// proportion of its own (a u16 of 65535) that moves towards the weight for bonds, without normalising deltas:
    ///   1. ema = floor(alpha * wb) + floor((1 - alpha) * divFixed(bond, 65535)), wb the weight for bonds as in the
    ///      classic pass (not multiplied by stake), and the column sum of the averages;
    ///   2. the average normalised by its column sum earns the row floor(incentive * x) (the row's total, weighed
    ///      by its active stake when the pass completes), and the u16 stored is fixed_proportion_to_u16(ema).
    ///
    /// With liquid alpha each bond has its own alpha a, subtensor's `alpha_sigmoid` of the column's consensus c, the
    /// weight for bonds wb and the old bond b: the difference d = clamp(wb - c) when wb >= b (buying ahead of
    /// consensus), else clamp(b - wb) (selling), clamp to [0, 1]; then
    ///   a = low + floor(sigmoid * (high - low)), sigmoid = 1 / (1 + exp(slope * (d - 1/2))), slope = -steepness / 100,
    /// products floored and quotients truncated, exp substrate-fixed's series (see `expSafe` below); and
    /// ema = min(1, floor((1 - a) * b) + floor(a * wb)), where the min never binds (a, wb and b are at most 1).
    /// Only the entries of the weights for bonds move, as in subtensor's sparse epoch: {_namedBonds} has left a bond
    /// in the record only where the cell is an entry or has a positive wb, so a cell moves when its wb or its bond is
    /// positive (a column named with a zero weight: its bond decays by (1 - a)), and any other comes out zero.
    function _yuma3Column(uint256[] memory rec, uint256 end, BondParams memory p) private pure {
        // Overflow not possible: values, alpha and the penalty are at most 2^32, as in {_bondsColumn}; an average
        // is at most 1 (alpha + (1 - alpha) of values at most 1, floored), so its u16 is at most 65535. Liquid
        // alpha: |slope * (d - 1/2)| <= 164 * 2^32, clamped to 20 * 2^32; within the clamp each term of the series
        // stays below 2^58, each product term * x (in I32F32) below 2^62 and the sum below 2^61, inside I32F32, so
        // substrate-fixed's checked steps never fail; the sigmoid is at most 1, so a <= high: subtensor's final clamp
        // to [low, high] changes nothing. The two loops below differ only in the alpha: the fixed one's keeps the
        // common Yuma3 epoch free of a test per bond (about 1M gas at 256 UIDs).
        assembly ("memory-safe") {
            // substrate-fixed's `exp` behind subtensor's `exp_safe`, x an I32F32 in two's complement: x clamped to
            // [-20, 20]; exp(0) = 1 and exp(1) = its I9F23 constant e; otherwise 1 + |x| + the terms up to the
            // 31st, each the previous one times |x| (floored) over i (truncated), and the reciprocal for a negative x.
            function expSafe(x) -> r {
                let limit := 0x1400000000
                if sgt(x, limit) { x := limit }
                if slt(x, sub(0, limit)) { x := sub(0, limit) }
                switch x
                case 0 { r := 0x100000000 }
                case 0x100000000 { r := 11674931200 }
                default {
                    let neg := slt(x, 0)
                    if neg { x := sub(0, x) }
                    // Written out (a loop's counter and jumps would cost as much as the terms); each term
                    // floor(floor(t * x / 2^32) / i) in one division, by i << 32.
                    let t := div(mul(x, x), 0x200000000)
                    r := add(add(x, 0x100000000), t)
                    t := div(mul(t, x), 0x300000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x400000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x500000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x600000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x700000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x800000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x900000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0xa00000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0xb00000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0xc00000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0xd00000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0xe00000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0xf00000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x1000000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x1100000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x1200000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x1300000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x1400000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x1500000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x1600000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x1700000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x1800000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x1900000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x1a00000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x1b00000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x1c00000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x1d00000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x1e00000000)
                    r := add(r, t)
                    t := div(mul(t, x), 0x1f00000000)
                    r := add(r, t)
                    if neg { r := div(shl(64, 1), r) }
                }
            }
            function liquidAlpha(consensus, wb, b, low, high, slope) -> a {
                let d := 0
                switch lt(wb, b)
                case 0 { if gt(wb, consensus) { d := sub(wb, consensus) } }
                default { d := sub(b, wb) }
                if gt(d, 0x100000000) { d := 0x100000000 }
                let e := expSafe(sar(32, mul(slope, sub(d, 0x80000000))))
                a := add(low, shr(32, mul(div(shl(64, 1), add(0x100000000, e)), sub(high, low))))
            }
            // A record's weights are read at its address (REC_WEIGHTS is 0), the penalty at p's (BP_PENALTY is 0).
            let first := add(rec, 0x20)
            let shift := mload(add(p, BP_SHIFT))
            let consensus := mload(add(p, BP_CONSENSUS))
            let emaSum := 0
            switch mload(add(p, BP_LIQUID))
            case 0 {
                let alpha := mload(add(p, BP_ALPHA))
                let oneMinusAlpha := mload(add(p, BP_ONE_MINUS_ALPHA))
                for { let r := first } lt(r, end) { r := add(r, RECORD) } {
                    let v := div(shl(32, and(shr(shift, mload(r)), 0xffff)), mload(add(r, REC_WEIGHT_SUM)))
                    // The weight for bonds, as in {_bondsColumn}.
                    let clipped := v
                    if gt(v, consensus) { clipped := consensus }
                    v := add(v, sar(32, mul(mload(p), sub(clipped, v))))
                    let bond := div(shl(32, and(shr(shift, mload(add(r, REC_BONDS))), 0xffff)), 0xffff)
                    let ema := add(shr(32, mul(alpha, v)), shr(32, mul(oneMinusAlpha, bond)))
                    mstore(add(r, REC_CELL), ema)
                    emaSum := add(emaSum, ema)
                }
            }
            default {
                let low := mload(add(p, BP_ALPHA_LOW))
                let high := mload(add(p, BP_ALPHA_HIGH))
                let slope := mload(add(p, BP_SLOPE))
                for { let r := first } lt(r, end) { r := add(r, RECORD) } {
                    let v := div(shl(32, and(shr(shift, mload(r)), 0xffff)), mload(add(r, REC_WEIGHT_SUM)))
                    let clipped := v
                    if gt(v, consensus) { clipped := consensus }
                    v := add(v, sar(32, mul(mload(p), sub(clipped, v))))
                    let bond := div(shl(32, and(shr(shift, mload(add(r, REC_BONDS))), 0xffff)), 0xffff)
                    // An entry (see {_namedBonds}): a cell with neither wb nor bond stays zero whatever its alpha.
                    let ema := 0
                    if or(v, bond) {
                        let a := liquidAlpha(consensus, v, bond, low, high, slope)
                        ema := add(shr(32, mul(sub(0x100000000, a), bond)), shr(32, mul(a, v)))
                    }
                    mstore(add(r, REC_CELL), ema)
                    emaSum := add(emaSum, ema)
                }
            }
            if emaSum {
                let incentive := mload(add(p, BP_INCENTIVE))
                for { let r := first } lt(r, end) { r := add(r, RECORD) } {
                    let ema := mload(add(r, REC_CELL))
                    if ema {
                        let x := div(shl(32, ema), emaSum)
                        mstore(add(r, REC_DIVIDENDS), add(mload(add(r, REC_DIVIDENDS)), shr(32, mul(incentive, x))))
                        mstore(add(r, REC_NEW_BONDS), or(mload(add(r, REC_NEW_BONDS)), shl(shift, shr(32, mul(ema, 0xffff)))))
                    }
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

    /// Records the completed epoch's leader (UID + 1, 0 for none) and how many epochs in a row it has led with the same
    /// candidate. An epoch scores the tempo since the previous epoch started (`lastEpochBlock`, still that block while
    /// this one completes): it counts a candidate only if the candidate was published before that tempo began, so that
    /// every validator had the whole tempo to score what is counted, and the epoch ending the tempo in which a leader
    /// swapped its weights does not count the swap. A new leader or a new candidate starts the count again.
    function _recordLeader(SubnetState storage s, uint256 leaderPlusOne) private {
        if (leaderPlusOne == 0) {
            (s.leaderPlusOne, s.leaderStreak, s.leaderCandidateAt) = (0, 0, 0);
            return;
        }
        uint64 candidateAt = s.candidates[leaderPlusOne - 1].publishedAt;
        // Before the first epoch completes `lastEpochBlock` is 0 and nothing counts: no tempo has been scored whole.
        bool scored = candidateAt != 0 && candidateAt < s.lastEpochBlock;
        if (leaderPlusOne == s.leaderPlusOne && candidateAt == s.leaderCandidateAt) {
            if (scored) ++s.leaderStreak;
        } else {
            (s.leaderPlusOne, s.leaderStreak, s.leaderCandidateAt) = (uint16(leaderPlusOne), scored ? 1 : 0, candidateAt);
        }
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
        uint256 lane = uint64(e.ranks[j >> 2] >> shift);
        uint256 rank = lane & RANK_BITS;
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
        // floor(share * E / 2^32): a share is at most 2^32 and E below 2^128 (at most the uint128 `emission`
        // hyperparameter), so the product fits.
        server = (server * v.emission) >> 32;
        validator = (validator * v.emission) >> 32;

        // The u16s of the metagraph word first (its emission and unclaimed rewards are added below).
        uint256 word = (lane >> RANK_CONSENSUS_SHIFT) << MetagraphWord.CONSENSUS_SHIFT;
        incentive = EpochMath.toU16(incentive);
        // UIDs come in ascending order: a tie keeps the lower UID.
        if (incentive > uint16(c.leader)) c.leader = ((j + 1) << 16) | incentive;
        word |= incentive << MetagraphWord.INCENTIVE_SHIFT;
        word |= EpochMath.toU16(dividends) << MetagraphWord.DIVIDENDS_SHIFT;
        if (ordinal != 0) {
            word |= EpochMath.toU16(c.rowTrust[ordinal - 1]) << MetagraphWord.VALIDATOR_TRUST_SHIFT;
        }
        _record(s, j, word, server, validator);
        return server + validator;
    }

    /// Writes UID `j`'s metagraph word (`word` with its trust, emission and unclaimed rewards added): its incentive
    /// and the part of its dividends its coldkey takes accrue in the word (see {MetagraphWord}), the rest of the
    /// dividends goes to its hotkey's stakers.
    function _record(SubnetState storage s, uint256 j, uint256 word, uint256 server, uint256 validator) private {
        uint256 amount = server + validator;
        word |= ((s.epoch.trust[j >> 4] >> (16 * (j & 15))) & U16_MAX) << MetagraphWord.TRUST_SHIFT;
        word |= (amount > MetagraphWord.EMISSION_MAX ? MetagraphWord.EMISSION_MAX : amount) << MetagraphWord.EMISSION_SHIFT;
        uint256 toColdkey = server;
        if (validator != 0) toColdkey += SubnetRewards.creditDividends(s, s.neurons[j].hotkey, validator);
        uint256 unclaimed = MetagraphWord.unclaimed(s.metagraph[j]) + toColdkey;
        if (unclaimed > MetagraphWord.UNCLAIMED_MAX) {
            s.claimable[s.uidColdkeys[j]] += unclaimed;
            unclaimed = 0;
        }
        s.metagraph[j] = word | (unclaimed << MetagraphWord.UNCLAIMED_SHIFT);
    }
}
