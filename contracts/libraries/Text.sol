// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Text
/// @notice Character rules for the registry's names. Each check is a single pass over the bytes; callers
/// revert with their own error so that the error names the field that is wrong.
library Text {
    uint256 internal constant SLUG_MIN = 3;
    uint256 internal constant SLUG_MAX = 64;
    uint256 internal constant TAG_MAX = 31;
    uint256 internal constant LICENSE_MAX = 64;

    /// @notice A slug is 3 to 64 of `a-z`, `0-9` and `-`, and neither starts nor ends with `-`, so that it can
    /// stand in a URL, a file name or a command line unquoted.
    function isSlug(string calldata slug) internal pure returns (bool) {
        bytes calldata b = bytes(slug);
        uint256 length = b.length;
        if (length < SLUG_MIN || length > SLUG_MAX) return false;
        if (b[0] == "-" || b[length - 1] == "-") return false;
        for (uint256 i; i < length; ++i) {
            bytes1 c = b[i];
            if (!((c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "-")) return false;
        }
        return true;
    }

    /// @notice A version tag is 1 to 31 of `A-Z`, `a-z`, `0-9`, `.`, `-`, `_` and `+` (semantic versions with
    /// pre-release and build parts fit), so it packs into one storage word.
    function isTag(string calldata tag) internal pure returns (bool) {
        bytes calldata b = bytes(tag);
        uint256 length = b.length;
        if (length == 0 || length > TAG_MAX) return false;
        for (uint256 i; i < length; ++i) {
            bytes1 c = b[i];
            if (!(_isAlphanumeric(c) || c == "." || c == "-" || c == "_" || c == "+")) return false;
        }
        return true;
    }

    /// @notice A licence is an SPDX identifier or expression of 1 to 64 characters: `A-Z`, `a-z`, `0-9`, `.`,
    /// `-`, `+`, `:` and, for expressions such as `Apache-2.0 OR MIT`, spaces and parentheses.
    function isLicense(string calldata license) internal pure returns (bool) {
        bytes calldata b = bytes(license);
        uint256 length = b.length;
        if (length == 0 || length > LICENSE_MAX) return false;
        if (b[0] == " " || b[length - 1] == " ") return false;
        for (uint256 i; i < length; ++i) {
            bytes1 c = b[i];
            if (!(_isAlphanumeric(c) || c == "." || c == "-" || c == "+" || c == ":" || c == " " || c == "(" || c == ")")) {
                return false;
            }
        }
        return true;
    }

    function _isAlphanumeric(bytes1 c) private pure returns (bool) {
        return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9");
    }
}
