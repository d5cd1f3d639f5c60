-- Escapes 5.1 does not know read as the plain character; comments and long strings stay as written.
print("\x41", "\z   z", "\.", "\/", "\q", "\%d", '\x', "\u{41}", "\9\99\0999", "\a\b\f\v" == "\7\8\12\11")
print('it\'s', "say \"hi\"", "back\\slash\\x41", "tab\tend", #"\
")
local long = [[\x41 "\z" \.]]
local level2 = [==[ ]] \x41 ]=] ]==]
print(long, level2)
-- a comment with "\x41" and 'quotes
--[[ a long comment with "\x41
" spanning lines ]] print("after comment \x42")
--[==[ "\x43" ]] ]==] print("\x44")
local t = {} t[ [[k]] ] = "\x45" print(t.k, #[[
\z]])
print(string.format("%q", "\z\x00"), "\0651")
print(debug and "" or "", "line", 21)
