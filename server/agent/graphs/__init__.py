"""Test graphs written the way the LangGraph / LangChain / deepagents docs write them.

One graph per module, each its own graph id in `../langgraph.json`:

| graph id          | module               | convention                                                  |
|-------------------|----------------------|-------------------------------------------------------------|
| `react_agent`     | `react_agent.py`     | prebuilt `create_react_agent`, parallel tool calls          |
| `subgraph_graph`  | `subgraph_graph.py`  | a compiled subgraph as a node; `get_stream_writer()` events; an internal classifier |
| `deep_agent`      | `deep_agent.py`      | `deepagents.create_deep_agent`: `write_todos`, `task` → sub-agent |
| `context_agent`   | `context_agent.py`   | `context_schema` + `Runtime[Context]`                       |
| `extra_key_graph` | `extra_key_graph.py` | a required state key besides `messages`                     |
| `question_graph`  | `question_graph.py`  | `input_schema` / `output_schema`, no `messages`             |
| `reasoning_agent` | `reasoning_agent.py` | `create_agent`; content blocks: thinking, reasoning, tool_use, artifacts |
| `ui_graph`        | `ui_graph.py`        | generative UI: `push_ui_message`                            |
| `supervisor_graph`| `supervisor_graph.py`| a supervisor handing off (`transfer_to_<agent>`, `Command.PARENT`) to two `create_agent` workers |

The models are `hitl.fake_model.FakeChatModel` (text, tool calls) and
`block_model.BlockChatModel` (content-block lists): deterministic, offline, streaming like a
provider. `scripts/capture-graphs.py` records what they stream into
`tests/data/langgraph/graphs/`.
"""
