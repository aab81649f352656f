// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice What the promotion tests derive without the contract: candidate CIDs, tag prefixes (valid and not), and
/// whether a tag is one the registry accepts, written from the registry's rule rather than read from its code.
library PromotionRules {
    /// @dev Distinct weights the candidates draw from: few, so that the same weights come up on several subnets and
    /// again after a promotion.
    uint256 internal constant WEIGHTS = 6;
    /// @dev The longest tag prefix a binding takes, and the longest tag the registry takes.
    uint256 internal constant PREFIX_MAX = 16;
    uint256 internal constant TAG_MAX = 31;

    /// @dev Weights number `i` as a CIDv1 (raw, sha2-256): the canonical form `Subnets.candidateOf` returns.
    function cid(uint256 i) internal pure returns (bytes memory) {
        return abi.encodePacked(hex"01551220", keccak256(abi.encode("weights", i % WEIGHTS)));
    }

    /// @dev A prefix a binding is made with: mostly the default (empty) or a valid one, sometimes one the binding
    /// refuses. Two valid ones can make the same tag as another binding of the same model ("v" on two subnets, or
    /// "sn1-e1" next to subnet 1's default).
    function prefix(uint256 seed) internal pure returns (string memory) {
        string[12] memory pool = [
            "",
            "",
            "",
            "v",
            "rc.",
            "X+Y_",
            "abcdefghijklmnop",
            "sn1-e1",
            "abcdefghijklmnopq",
            "bad prefix",
            "a/b",
            unicode"é"
        ];
        return pool[seed % pool.length];
    }

    /// @dev Whether every character of `tag` is one the registry allows in a tag: `A-Z a-z 0-9 . - _ +`.
    function tagChars(bytes memory tag) internal pure returns (bool) {
        for (uint256 i; i < tag.length; ++i) {
            bytes1 c = tag[i];
            bool ok = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "."
                || c == "-" || c == "_" || c == "+";
            if (!ok) return false;
        }
        return true;
    }

    /// @dev Whether a binding takes `p` as its prefix (empty: the default).
    function prefixValid(string memory p) internal pure returns (bool) {
        bytes memory b = bytes(p);
        return b.length <= PREFIX_MAX && tagChars(b);
    }

    /// @dev A valid prefix of 1 to 16 characters built from `seed`, each character from the 66 a tag allows.
    function validPrefix(uint256 seed) internal pure returns (string memory) {
        bytes memory alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_+";
        uint256 length = 1 + seed % PREFIX_MAX;
        seed = uint256(keccak256(abi.encode(seed)));
        bytes memory out = new bytes(length);
        for (uint256 i; i < length; ++i) {
            out[i] = alphabet[(seed >> (8 * i)) % alphabet.length];
        }
        return string(out);
    }

    /// @dev `value` in decimal.
    function decimal(uint256 value) internal pure returns (string memory) {
        if (value == 0) return "0";
        bytes memory digits;
        while (value != 0) {
            digits = abi.encodePacked(bytes1(uint8(48 + value % 10)), digits);
            value /= 10;
        }
        return string(digits);
    }
}
