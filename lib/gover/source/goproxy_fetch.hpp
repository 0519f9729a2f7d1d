#pragma once
// One toolchain through the module proxy: the checksum database's proven h1: first (GOSUMDB=off
// is refused before any request), then the zip through the GOPROXY walk into a .part file under
// tmp/ (resumable, retried), then the checked unpack, and the two h1: compared.

#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/layout.hpp"
#include "gover/net/http.hpp"
#include "gover/source/goproxy_list.hpp"
#include "gover/source/toolchain_source.hpp"
#include "gover/sumdb/sumdb_client.hpp"

namespace gover {

// The database GOSUMDB names, reached at its URL, else through the first proxy answering 200 at
// <proxy>/sumdb/<name>/supported, else https://<name>; the lookup of module@version proven.
// Errors: usage (GOSUMDB=off or malformed), not_found (no record), checksum, network, io.
Result<sumdb::SumdbLookup> prove_module(const Layout& layout, const std::string& gosumdb,
                                        const std::vector<ProxyEntry>& proxies,
                                        const TransferSettings& transfer,
                                        const std::string& module_version);

std::unique_ptr<ToolchainFetch> make_goproxy_fetch(const Layout& layout, std::string gosumdb,
                                                   std::vector<ProxyEntry> proxies,
                                                   TransferSettings transfer,
                                                   std::string module_version);

} // namespace gover
