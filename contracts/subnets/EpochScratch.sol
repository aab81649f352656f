// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice State the Yuma epoch keeps between the steps of a running epoch (see {YumaEpoch}).
///
/// Vectors hold four 64-bit lanes per word: entry `x` sits in word `x >> 2` at bit `64 * (x & 3)`. "By uid"
/// vectors are indexed by UID; "by row" vectors by the ordinal of a UID among the rows (the UIDs whose weights and
/// bonds the epoch reads: the validator permits plus the owner's UID, in ascending UID order). Their slots are
/// left dirty when an epoch ends, so that the next epoch rewrites nonzero slots (2,900 gas) instead of filling
/// empty ones (20,000 gas); `phase`, `cursor` and the sums are what say which entries are current.
struct EpochScratch {
    /// 0 when no epoch runs; otherwise the pass under way (see {YumaEpoch}).
    uint8 phase;
    /// Next word-column (16 UIDs) of the weight passes, or next UID of the emission pass.
    uint16 cursor;
    /// Number of rows.
    uint16 rowCount;
    /// UID + 1 of the owner's hotkey when registered, else 0.
    uint16 ownerPlusOne;
    /// Whether no row holds active stake: the emission falls back to stake, kept in `stake`.
    bool stakeFallback;
    /// Whether the rows' masked weight sums are in `rowInputs` (the start derives them, or leaves them to the first
    /// step when they might not fit).
    bool rowSumsReady;
    /// Whether some UID's consensus is nonzero (known once the consensus pass is complete): liquid alpha needs one.
    bool consensusNonzero;
    /// Block in which the epoch started.
    uint64 currentBlock;
    /// Bonds of a UID registered at or after this block are dropped (subtensor's `last_tempo` mask).
    uint64 lastTempo;
    /// The emission pass's leader so far: UID + 1 of the highest incentive (the lower UID on ties), 0 for none.
    uint16 leaderPlusOne;
    /// Its incentive (u16).
    uint16 leaderIncentive;
    /// Bit `uid` set for each row.
    uint256 rows;
    /// Validator permits for the next epoch.
    uint256 newPermits;
    /// Sum of the ranks (I32F32), known once the consensus pass is complete.
    uint256 rankSum;
    /// Sum of the incentives (I32F32), known once the bonds pass is complete.
    uint256 incentiveSum;
    /// Reward token units credited so far.
    uint256 paid;
    /// By uid: block of registration, four 64-bit lanes a word; the subnet's only record of it, written by
    /// registration (which waits for a running epoch to complete) and read by the epoch, pruning and the lens.
    uint256[64] registeredAt;
    /// By word-column (UIDs 16w to 16w + 15): the latest block in which one of its UIDs registered, four 64-bit lanes
    /// a word, written with `registeredAt`. The epoch reads a word-column's registration blocks only when this is
    /// recent enough to mask a weight or drop a bond.
    uint256[4] registeredLatest;
    /// By uid: normalised stake (I32F32), kept only when `stakeFallback`.
    uint256[64] stake;
    /// By uid: consensus (I32F32).
    uint256[64] consensus;
    /// By uid: rank before normalisation (I32F32, bits 0 to 47 of its lane) and consensus as a u16 (bits 48 to 63).
    uint256[64] ranks;
    /// By uid: trust as a u16 proportion, 16 lanes a word (the first 16 words).
    uint256[64] trust;
    /// By row, two rows a word (the even row's in the low 128 bits), fields from the low end: the block from which a
    /// column's weights are masked (64 bits: last update, or commit block + 1), the sum of the row's unmasked u16
    /// weights (29 bits), whether the row names some UID with a zero weight (1 bit: its `WeightSums` flag) and its
    /// normalised active stake (34 bits, I32F32).
    uint256[64] rowInputs;
    /// By row: validator trust, the sum of the row's clipped weights (I32F32).
    uint256[64] rowTrust;
    /// By row: dividends before normalisation (I32F32).
    uint256[64] rowDividends;
}
