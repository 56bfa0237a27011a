# The object files of a separately compiled build's users call
# cloudimg::parse_response and prepare's steps (undefined symbols, "U") and
# define none of them: the extern template declarations kept every
# decoder and request builder out of them.
#   cmake -DNM=<nm> -DOBJECTS=<a;b;...> -P check_declared_only.cmake
set(pattern "cloudimg::(parse_response<|detail::prepare_from_)")
foreach(object IN LISTS OBJECTS)
    execute_process(COMMAND ${NM} -C ${object} OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${NM} failed on ${object}")
    endif()
    string(REPLACE "\n" ";" lines "${symbols}")
    set(called 0)
    foreach(line IN LISTS lines)
        if(NOT line MATCHES "${pattern}")
            continue()
        endif()
        if(line MATCHES "^ +U ")
            math(EXPR called "${called} + 1")
        else()
            message(FATAL_ERROR "${object} defines what the separately compiled library should:\n${line}")
        endif()
    endforeach()
    if(called EQUAL 0)
        message(FATAL_ERROR "${object} calls no separately compiled function: is CLOUDIMG_SEPARATE_COMPILATION set?")
    endif()
    message(STATUS "${object}: ${called} separately compiled functions called, none defined")
endforeach()
