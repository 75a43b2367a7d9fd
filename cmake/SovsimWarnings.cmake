# Compile options shared by every sovsim target, applied through an interface library so that
# third-party headers keep their own flags.
add_library(sovsim_options INTERFACE)
add_library(sovsim::options ALIAS sovsim_options)
target_compile_options(sovsim_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                       $<$<BOOL:${SOVSIM_WERROR}>:-Werror>)
target_compile_features(sovsim_options INTERFACE cxx_std_20)
if(SOVSIM_SANITIZE)
  target_compile_options(sovsim_options INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=undefined
                         -fno-omit-frame-pointer -g)
  target_link_options(sovsim_options INTERFACE -fsanitize=address,undefined)
endif()
