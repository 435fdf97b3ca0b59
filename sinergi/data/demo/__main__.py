from sinergi.data.demo.cli import main

main()
