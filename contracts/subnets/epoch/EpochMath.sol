// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Inputs of the stake-weighted median, shared by the columns of a step. {EpochMath-weightedMedian} reads
/// the first two in assembly, at their offsets below (a memory struct gives each field a word, in declaration order;
/// test/subnets/EpochLayout.t.sol holds each offset to its field):
///
/// | offset | field     | constant         |
/// |--------|-----------|------------------|
/// | 0x00   | stake     | MEDIAN_STAKE     |
/// | 0x20   | members   | MEDIAN_MEMBERS   |
/// | 0x40   | buffers   | MEDIAN_BUFFERS   |
/// | 0x60   | minority  | MEDIAN_MINORITY  |
/// | 0x80   | stakeSum  | MEDIAN_STAKE_SUM |
///
/// The stake, at offset 0, is read at the struct's address itself (`mload(m)`).
struct MedianInputs {
    /// By row: stake of the median's members, renormalised among them (I32F32); other rows 0.
    uint256[] stake;
    /// Rows with active stake, ascending.
    uint256[] members;
    /// At least `2 * members.length` words, the partitions' working space.
    uint256[] buffers;
    /// Stake sum minus the majority (kappa): may be negative.
    int256 minority;
    /// Sum of `stake`.
    int256 stakeSum;
}

/// @title EpochMath
/// @notice Fixed-point and vector helpers of the Yuma epoch. Values are non-negative I32F32 bit patterns
/// (value = raw / 2^32) unless said otherwise; they stay far below 2^64, so no I32F32 saturation is ever reached.
library EpochMath {
    uint256 private constant LANES_16 = 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff;
    uint256 private constant LANES_32 = 0x00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff;
    uint256 private constant LANES_64 = 0x0000000000000000ffffffffffffffff0000000000000000ffffffffffffffff;
    /// A word of 16-bit lanes: each lane's low 15 bits, and each lane's top bit (see {nonzeroLanes}).
    uint256 internal constant LANES_LOW15 = 0x7fff7fff7fff7fff7fff7fff7fff7fff7fff7fff7fff7fff7fff7fff7fff7fff;
    uint256 internal constant LANES_TOP = 0x8000800080008000800080008000800080008000800080008000800080008000;

    // Byte offsets of the fields of {MedianInputs} (the table at the struct), and its size (5 words).
    uint256 internal constant MEDIAN_STAKE = 0x00;
    uint256 internal constant MEDIAN_MEMBERS = 0x20;
    uint256 internal constant MEDIAN_BUFFERS = 0x40;
    uint256 internal constant MEDIAN_MINORITY = 0x60;
    uint256 internal constant MEDIAN_STAKE_SUM = 0x80;
    uint256 internal constant MEDIAN_SIZE = 0xa0;

    /// @notice A u16 proportion as I32F32: divFixed(x, 65535) = floor(x * 2^32 / 65535).
    function proportion(uint256 x) internal pure returns (uint256) {
        return (x << 32) / 0xffff;
    }

    /// @notice subtensor's `fixed_proportion_to_u16`: floor(x * 65535) as an integer, capped at 65535.
    function toU16(uint256 x) internal pure returns (uint256) {
        uint256 v = (x * 0xffff) >> 32;
        return v > 0xffff ? 0xffff : v;
    }

    /// @notice Number of set bits.
    function popcount(uint256 x) internal pure returns (uint256 count) {
        while (x != 0) {
            x &= x - 1;
            ++count;
        }
    }

    /// @notice Each nonzero 16-bit lane of `x` as 0xffff, each zero lane as 0. A lane's top bit of
    /// x | ((x & LANES_LOW15) + LANES_LOW15) is set exactly when the lane is nonzero: adding 0x7fff to its low bits
    /// carries into the top bit unless they are zero, and never past it. Shifted down to bit 0 and times 0xffff, it
    /// fills its lane without reaching the next.
    function nonzeroLanes(uint256 x) internal pure returns (uint256) {
        return (((x | ((x & LANES_LOW15) + LANES_LOW15)) & LANES_TOP) >> 15) * 0xffff;
    }

    /// @notice Sum of the 16 u16 lanes of a word, by pairwise folding.
    function sumLanes(uint256 word) internal pure returns (uint256) {
        word = (word & LANES_16) + ((word >> 16) & LANES_16);
        word = (word & LANES_32) + ((word >> 32) & LANES_32);
        word = (word & LANES_64) + ((word >> 64) & LANES_64);
        return (word & type(uint128).max) + (word >> 128);
    }

    /// @notice Reads the first `count` 64-bit lanes of a packed vector (four per word).
    function loadLanes(uint256[64] storage v, uint256 count) internal view returns (uint256[] memory out) {
        out = new uint256[](count);
        uint256 word;
        // Overflow not possible: count <= 256.
        unchecked {
            for (uint256 x; x < count; ++x) {
                if (x & 3 == 0) word = v[x >> 2];
                out[x] = uint64(word >> (64 * (x & 3)));
            }
        }
    }

    /// @notice Writes `values` (each below 2^64) as 64-bit lanes, four per word.
    function storeLanes(uint256[64] storage v, uint256[] memory values) internal {
        uint256 count = values.length;
        // Overflow not possible: count <= 256.
        unchecked {
            for (uint256 q; 4 * q < count; ++q) {
                uint256 word;
                for (uint256 r; r < 4 && 4 * q + r < count; ++r) {
                    word |= values[4 * q + r] << (64 * r);
                }
                v[q] = word;
            }
        }
    }

    /// @notice subtensor's `is_topk_nonzero`: bit `i` set when `values[i]` is nonzero and among the `k` largest,
    /// ties going to the higher index (a stable ascending sort drops the lowest `n - k`).
    function topKNonzero(uint256[] memory values, uint256 k) internal pure returns (uint256 bits) {
        uint256 n = values.length;
        // Zeros sort below every nonzero value and are never chosen, so only the nonzero values are ranked; when
        // at most k of them remain, they are all chosen.
        uint256[] memory keys = new uint256[](n);
        uint256 count;
        for (uint256 i; i < n; ++i) {
            if (values[i] != 0) {
                // Keys are unique (the index is in the low byte), so sorting them is the stable sort by value.
                keys[count++] = (values[i] << 8) | i;
                bits |= uint256(1) << i;
            }
        }
        if (count <= k) return bits;
        bits = 0;
        _sort(keys, 0, count - 1);
        for (uint256 p = count - k; p < count; ++p) bits |= uint256(1) << (keys[p] & 0xff);
    }

    /// Quicksort of distinct keys in place, ascending, over `keys[lo..hi]`.
    function _sort(uint256[] memory keys, uint256 lo, uint256 hi) private pure {
        while (lo < hi) {
            uint256 pivot = keys[(lo + hi) >> 1];
            uint256 i = lo;
            uint256 j = hi;
            while (true) {
                while (keys[i] < pivot) ++i;
                while (keys[j] > pivot) --j;
                if (i >= j) break;
                (keys[i], keys[j]) = (keys[j], keys[i]);
                ++i;
                --j;
            }
            // Hoare partition: keys[lo..j] <= pivot <= keys[j+1..hi]; recurse into the smaller side.
            if (j - lo < hi - j) {
                if (j > lo) _sort(keys, lo, j);
                lo = j + 1;
            } else {
                if (j + 1 < hi) _sort(keys, j + 1, hi);
                hi = j;
            }
        }
    }

    /// @notice subtensor's `weighted_median` over the column `cells[offset + k]` of the rows `k` listed in
    /// `m.members`, with stakes `m.stake[k]`.
    /// @dev The reference partitions around the middle of a list kept in row order, but its answer does not depend
    /// on the pivots: while 0 <= minority < stakeSum, each partition keeps the minority inside the stake of the list
    /// it descends into, so it returns the one score v whose stake interval [stake below v, stake at or below v)
    /// holds the minority; a negative minority descends to the lowest score, a minority at or above the stake sum
    /// climbs to the highest. This selection finds the same score with packed keys (score << 64 | stake) partitioned
    /// between two lists of `m.buffers` (lower scores from its front, higher from its back), so that a partition
    /// reads one word per member and allocates nothing. `m.buffers` holds at least `2 * m.members.length` words.
    function weightedMedian(uint256[] memory cells, uint256 offset, MedianInputs memory m)
        internal
        pure
        returns (uint256 med)
    {
        uint256 count = m.members.length;
        if (count == 0) return 0;
        int256 minority = m.minority;
        if (minority >= 0 && minority < m.stakeSum) {
            uint256 cur;
            uint256[] memory buffers = m.buffers;
            // Overflow not possible: scores and stakes are below 2^64 (normalised values are at most 2^32).
            assembly ("memory-safe") {
                let col := add(add(cells, 0x20), shl(5, offset))
                // The stake at m's address (MEDIAN_STAKE is 0); each array's elements past its length word.
                let st := add(mload(m), 0x20)
                let members := add(mload(add(m, MEDIAN_MEMBERS)), 0x20)
                let end := add(members, shl(5, count))
                cur := add(buffers, 0x20)
                for { let p := members } lt(p, end) { p := add(p, 0x20) } {
                    let k := shl(5, mload(p))
                    mstore(add(cur, sub(p, members)), or(shl(64, mload(add(col, k))), mload(add(st, k))))
                }
            }
            return _select(cur, cur + 32 * count, count, uint256(minority));
        }
        assembly ("memory-safe") {
            // The lowest score (negative minority) or the highest (minority at or above the stake sum).
            let col := add(add(cells, 0x20), shl(5, offset))
            let members := add(mload(add(m, MEDIAN_MEMBERS)), 0x20)
            let end := add(members, shl(5, count))
            let highest := iszero(slt(minority, 0))
            med := mload(add(col, shl(5, mload(members))))
            for { let p := add(members, 0x20) } lt(p, end) { p := add(p, 0x20) } {
                let v := mload(add(col, shl(5, mload(p))))
                if xor(lt(v, med), highest) { if iszero(eq(v, med)) { med := v } }
            }
        }
    }

    /// Selection over the `count` keys at memory address `list`, partitioned between that list and `spare`.
    function _select(uint256 list, uint256 spare, uint256 count, uint256 minority) private pure returns (uint256 med) {
        // Overflow not possible: a list holds at most 256 stakes of at most 2^32.
        assembly ("memory-safe") {
            // Splits the list at `cur` around `pivot` into `other`: lower keys from its front, higher from its back.
            function partition(cur, len, other, pivot) -> lower, upper, lowStake, equalStake {
                lower := other
                upper := add(other, shl(5, len))
                let last := add(cur, shl(5, len))
                for { let p := cur } lt(p, last) { p := add(p, 0x20) } {
                    let key := mload(p)
                    let v := shr(64, key)
                    switch lt(v, pivot)
                    case 1 {
                        mstore(lower, key)
                        lower := add(lower, 0x20)
                        lowStake := add(lowStake, and(key, 0xffffffffffffffff))
                    }
                    default {
                        switch gt(v, pivot)
                        case 1 {
                            upper := sub(upper, 0x20)
                            mstore(upper, key)
                        }
                        default { equalStake := add(equalStake, and(key, 0xffffffffffffffff)) }
                    }
                }
            }
            // The score whose stake interval holds `target`, 0 <= target < the stake of the `len` keys at `cur`.
            function select(cur, other, len, target) -> found {
                for {} 1 {} {
                    // The median of the first, middle and last scores: a pivot nearer the list's middle.
                    let pivot := shr(64, mload(add(cur, shl(5, shr(1, len)))))
                    let a := shr(64, mload(cur))
                    let b := shr(64, mload(add(cur, shl(5, sub(len, 1)))))
                    if gt(a, b) {
                        let t := a
                        a := b
                        b := t
                    }
                    if lt(pivot, a) { pivot := a }
                    if gt(pivot, b) { pivot := b }
                    let lower, upper, lowStake, equalStake := partition(cur, len, other, pivot)
                    if lt(target, lowStake) {
                        len := shr(5, sub(lower, other))
                        let next := other
                        other := cur
                        cur := next
                        continue
                    }
                    target := sub(target, add(lowStake, equalStake))
                    if slt(target, 0) {
                        found := pivot
                        break
                    }
                    len := shr(5, sub(add(other, shl(5, len)), upper))
                    other := cur
                    cur := upper
                }
            }
            med := select(list, spare, count, minority)
        }
    }
}
