// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ProtocolToken} from "../governance/ProtocolToken.sol";

/// @notice Gas baseline: a plain OpenZeppelin ERC-20 with permit and votes on a timestamp clock, as the model
/// token is, but without revenue sharing, deployed directly (not as a clone). That is the protocol token's code,
/// named "Plain Votes" here. The benchmarks compare the model token's transfers with the same transfers of this
/// token.
contract PlainVotesToken is ProtocolToken {
    /// @param holders Who receives the supply; `amounts[i]` goes to `holders[i]`.
    constructor(address[] memory holders, uint256[] memory amounts)
        ProtocolToken("Plain Votes", "PLAIN", holders, amounts)
    {}
}
