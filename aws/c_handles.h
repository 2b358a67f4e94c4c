#pragma once
// Private to aws/: C handles owned by unique_ptr with a stateless deleter
// templated on the C library's free function, so a handle stays
// pointer-sized and cannot exist without its deleter.

#define CURL_STRICTER
#include <curl/curl.h>
#include <openssl/evp.h>

#include <memory>

namespace cutover::aws::detail {

template <auto Free>
struct FreeWith {
  template <class T>
  void operator()(T* p) const noexcept {
    Free(p);
  }
};

template <class T, auto Free>
using CHandle = std::unique_ptr<T, FreeWith<Free>>;

using CurlEasy = CHandle<CURL, &curl_easy_cleanup>;
using CurlHeaderList = CHandle<curl_slist, &curl_slist_free_all>;
using EvpMdCtx = CHandle<EVP_MD_CTX, &EVP_MD_CTX_free>;

}  // namespace cutover::aws::detail
