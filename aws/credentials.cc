#include "aws/credentials.h"

namespace cutover::aws {

std::string redacted(const Credentials& credentials) { return credentials.access_key_id.substr(0, 4) + "…(redacted)"; }

}  // namespace cutover::aws
