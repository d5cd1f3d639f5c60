-- C4:ParseXml (host spec 7.4): nodes with Name, Attributes, ChildNodes, Value; nil for text that is not XML.
local function show(node, indent)
  indent = indent or ""
  local names = {}
  for name in pairs(node.Attributes) do names[#names + 1] = name end
  table.sort(names)
  local attributes = {}
  for _, name in ipairs(names) do attributes[#attributes + 1] = name .. "=" .. string.format("%q", node.Attributes[name]) end
  print(indent .. node.Name, "{" .. table.concat(attributes, ",") .. "}", string.format("%q", node.Value), #node.ChildNodes)
  for _, child in ipairs(node.ChildNodes) do
    show(child, indent .. "  ")
  end
end

local doc = C4:ParseXml([==[<?xml version="1.0" encoding="UTF-8"?>
<!-- the vendor's kind of answer -->
<devicedata id="7" name='x &amp; y'>
  <version>12</version>
  <ns:item xmlns:ns="urn:x" ns:kind="b">text &lt;here&gt;<![CDATA[ <raw> ]]>&#65;</ns:item>
  <empty/>
  <blank>  </blank>
  <mixed>before<b>inner</b>after</mixed>
</devicedata>]==])
show(doc)
local leaf = C4:ParseXml("<a/>")
print("leaf", leaf.Name, type(leaf.Attributes), next(leaf.Attributes), type(leaf.ChildNodes), #leaf.ChildNodes, "[" .. leaf.Value .. "]")
print("utf-8", C4:ParseXml("<a>caf\195\169</a>").Value == "caf\195\169")
for _, bad in ipairs { "", "text", "<a>", "<a></b>", "<a/><b/>", "<a>&undefined;</a>",
  '<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>' } do
  print("bad", string.format("%q", bad), C4:ParseXml(bad))
end
print("no argument", pcall(C4.ParseXml, C4))
print("END")
