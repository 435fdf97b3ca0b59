from sinergi.demo.cli import main

main()
