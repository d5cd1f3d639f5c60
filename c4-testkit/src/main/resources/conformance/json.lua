-- JSON (host spec 7.1): C4:JsonEncode, C4:JsonDecode, c4json.null. Tables print with sorted keys.
local function show(v)
  if type(v) ~= "table" then
    -- %q writes a newline as a backslash and a newline: shown as \n, so that one print is one line
    return v == c4json.null and "c4json.null" or type(v) == "string" and (string.format("%q", v):gsub("\\\n", "\\n"))
      or tostring(v)
  end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    if type(a) ~= type(b) then return type(a) < type(b) end
    return a < b
  end)
  local parts = {}
  for _, k in ipairs(keys) do
    parts[#parts + 1] = "[" .. show(k) .. "]=" .. show(v[k])
  end
  return "{" .. table.concat(parts, ",") .. "}"
end

local function encode(label, ...)
  local text, err = C4:JsonEncode(...)
  for line in ((text or "nil") .. "\n"):gmatch("(.-)\n") do -- formatted text: one print per line
    print(label, line, err)
  end
end

local function decode(label, ...)
  local value, err = C4:JsonDecode(...)
  print(label, show(value), err)
end

print("c4json", type(c4json), type(c4json.null), c4json.null == c4json.null, rawequal(c4json.null, {}))
encode("string", "Bar")
encode("number", 42)
encode("boolean", true)
encode("array as object", { "One", "Two" })
encode("encodeArrays", { "One", "Two" }, false, true)
encode("empty", {})
encode("empty as array", {}, false, true)
encode("holes stay objects", { [1] = "a", [3] = "c" }, false, true)
encode("sorted keys", { b = 1, a = 2, [10] = 3, [2] = 4, B = 5 })
encode("key kinds", { [0.5] = 1, [1e15] = 2, [true] = 3, [-3] = 4 })
encode("numbers", { 80, -7, 0.1, 1 / 3, 2 ^ 53, 1e300, -1.5e-7 }, false, true)
encode("escapes", "q\" b\\ s/ n\n t\t c\1 d\127 h\200\255")
encode("null", { a = c4json.null })
encode("nested", { list = { 1, { x = false } }, obj = { k = "v" } }, false, true)
encode("formatted", { b = { 1, 2 }, a = "x", e = {} }, true, true)
encode("symmetric", { [1] = "a", ["1"] = "b", [2.5] = { [3] = true } }, false, false, true)
encode("nil", nil)
encode("function", { f = print })
encode("userdata", { u = C4:CreateTCPServer() })
local cycle = {}
cycle.self = cycle
encode("cycle", cycle)
encode("nan", { x = 0 / 0 })
encode("inf", 1 / 0)

decode("object", '{"1":"One","a":[1,2.5,true,false,"x"],"o":{}}')
decode("repeated key", '{"a":1,"a":2}')
decode("top string", '"plain"')
decode("top number", ' -12.5e1 ')
decode("escapes", '"\\u00e9\\n\\/\\ud83d\\ude00"')
decode("null default", '[null,{"k":null}]')
decode("null sentinel", '[null,{"k":null}]', true)
decode("markers", '[{":string:":"Bar"},{":number:":42},{":boolean:":false}]')
decode("index keys", '{":index:7":1,":index:x":2,":index:-1.5":3}')
local symmetric = { [1] = "a", ["1"] = "b", [2.5] = { [3] = true }, s = "t" }
decode("round trip", C4:JsonEncode(symmetric, false, false, true))
decode("round trip formatted", C4:JsonEncode(symmetric, true, true, true))
decode("bad", '{"a":}')
decode("trailing garbage", '{"a":1} x')
decode("two values", '1 2')
decode("empty", '')
decode("blank", '   ')
decode("nil", nil)
decode("table", {})
decode("number argument", 42)
print("END")
